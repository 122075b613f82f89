package io.amagasa.authorization.user;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The canonical form of a username: trimmed and in lower case, so that {@code Alice} and {@code alice}
 * are one account (a phone keyboard capitalises the first letter) and the table's primary key makes
 * names unique regardless of case. Names are ASCII letters, digits and {@code . _ @ -}, which keeps them
 * readable in logs and on the consent page and makes Java's and SQL's {@code lower} agree.
 */
final class Username {

	/** The {@code users.username} column's length. */
	static final int MAX_LENGTH = 50;

	private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._@-]{0," + (MAX_LENGTH - 1) + "}");

	private Username() {
	}

	/** The form stored and looked up; {@code null} stays {@code null}. */
	static String canonical(String name) {
		return (name == null) ? null : name.trim().toLowerCase(Locale.ROOT);
	}

	/** The canonical form of a name for a new or existing account, or why it cannot be one. */
	static String valid(String name) {
		String canonical = canonical(name);
		if (canonical == null || !VALID.matcher(canonical).matches()) {
			throw new UserAccountException("'" + name + "' is not a valid username: use 1 to " + MAX_LENGTH
					+ " letters, digits and . _ @ -, starting with a letter or digit");
		}
		return canonical;
	}

}
