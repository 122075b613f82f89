package io.amagasa.resource.audit;

/**
 * One structured log line, {@code key=value key="value" ...}, built in one buffer: the decision lines are
 * written on every request, so they go to the logger as finished text rather than as a pattern with a
 * dozen arguments. Quoted values are escaped so that nothing a caller (or a remote server's answer) puts
 * in a value can end it or start a new line.
 */
public final class LogLine {

	private final StringBuilder text = new StringBuilder(256);

	/**
	 * @param key the first key, e.g. {@code decision} or {@code event}
	 * @param value its value, one of our own constants: written as it is
	 */
	public LogLine(String key, String value) {
		this.text.append(key).append('=').append(value);
	}

	public LogLine plain(String key, int value) {
		this.text.append(' ').append(key).append('=').append(value);
		return this;
	}

	/**
	 * The value in double quotes, with {@code "} and {@code \} escaped and control characters replaced by
	 * {@code ?}; {@code -} when absent.
	 */
	public LogLine quoted(String key, String value) {
		this.text.append(' ').append(key).append('=');
		if (value == null) {
			this.text.append('-');
			return this;
		}
		this.text.append('"');
		int first = firstToEscape(value);
		// most values (issuers, subjects, client ids, tool names) need no escaping: copied in one go
		this.text.append(value, 0, first);
		for (int i = first; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> this.text.append("\\\"");
				case '\\' -> this.text.append("\\\\");
				default -> this.text.append((c < 0x20 || c == 0x7f) ? '?' : c);
			}
		}
		this.text.append('"');
		return this;
	}

	private static int firstToEscape(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\' || c < 0x20 || c == 0x7f) {
				return i;
			}
		}
		return value.length();
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

}
