package io.amagasa.authorization.user;

/**
 * A user-management request that cannot be carried out: an invalid or taken username, a password that
 * does not meet {@link PasswordPolicy}, an unknown account. The message is meant for the person at the
 * command line and never contains a password.
 */
public class UserAccountException extends RuntimeException {

	public UserAccountException(String message) {
		super(message);
	}

}
