package io.amagasa.authorization;

import java.util.Collection;

import org.slf4j.Logger;

/**
 * One structured log line per security decision: {@code event=... outcome=... key=value ...}. Values are
 * quoted when they hold spaces, quotes or {@code =}, and control characters are escaped, so that a value
 * chosen by a client (a {@code client_id}, a {@code state}) cannot forge a line. Callers pass identifiers
 * only: never a token, a secret or a password.
 */
public final class SecurityDecision {

	/** The longest value a line carries in full; longer ones are cut. */
	static final int MAX_VALUE_LENGTH = 1024;

	private final StringBuilder line = new StringBuilder();

	private SecurityDecision(String event, String outcome) {
		this.line.append("event=").append(event).append(" outcome=").append(outcome);
	}

	public static SecurityDecision of(String event, String outcome) {
		return new SecurityDecision(event, outcome);
	}

	public SecurityDecision with(String key, Object value) {
		this.line.append(' ').append(key).append('=').append(format(value));
		return this;
	}

	/** A decision that let something through. */
	public void info(Logger log) {
		log.info("{}", this.line);
	}

	/** A decision that refused something. */
	public void warn(Logger log) {
		log.warn("{}", this.line);
	}

	@Override
	public String toString() {
		return this.line.toString();
	}

	private static String format(Object value) {
		if (value == null) {
			return "-";
		}
		String text = (value instanceof Collection<?> values) ? String.join(" ", values.stream().map(String::valueOf).sorted().toList())
				: value.toString();
		// A form parameter may be megabytes long: the line keeps its start and says how much was left out.
		String omitted = "";
		if (text.length() > MAX_VALUE_LENGTH) {
			omitted = "...(" + (text.length() - MAX_VALUE_LENGTH) + " more characters)";
			text = text.substring(0, MAX_VALUE_LENGTH);
		}
		StringBuilder escaped = new StringBuilder();
		boolean quote = text.isEmpty() || !omitted.isEmpty();
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
				quote = true;
			}
			else if (Character.isISOControl(c)) {
				escaped.append(String.format("\\u%04x", (int) c));
				quote = true;
			}
			else {
				quote |= (c == ' ' || c == '=');
				escaped.append(c);
			}
		}
		escaped.append(omitted);
		return quote ? '"' + escaped.toString() + '"' : escaped.toString();
	}

}
