package io.amagasa.authorization.user;

import java.nio.charset.StandardCharsets;

/**
 * What a password must be. At least 12 characters (length is what resists guessing; no composition
 * rules, as NIST SP 800-63B advises), and at most 72 bytes in UTF-8, the most bcrypt hashes: Spring
 * Security's bcrypt refuses longer ones rather than silently ignoring the rest.
 */
final class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_BYTES = 72;

	private PasswordPolicy() {
	}

	/** Refuses a password that breaks the policy; the message never repeats the password. */
	static void check(CharSequence password) {
		if (password == null || password.codePoints().count() < MIN_LENGTH) {
			throw new UserAccountException("The password is too short: use at least " + MIN_LENGTH + " characters.");
		}
		if (password.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw new UserAccountException("The password is too long: use at most " + MAX_BYTES
					+ " bytes (72 ASCII characters, fewer with accents or other scripts).");
		}
		if (password.toString().isBlank()) {
			throw new UserAccountException("The password is blank.");
		}
	}

}
