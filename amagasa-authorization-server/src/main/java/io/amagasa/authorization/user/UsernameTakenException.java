package io.amagasa.authorization.user;

/** An account of that name exists already, possibly created a moment ago by another instance. */
public class UsernameTakenException extends UserAccountException {

	UsernameTakenException(String username) {
		super("A user named '" + username + "' exists already.");
	}

}
