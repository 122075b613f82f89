package io.amagasa.authorization.user;

import io.amagasa.authorization.SecurityDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.provisioning.UserDetailsManager;

/**
 * One line per sign-in decision. A failed attempt names its username only when such an account exists:
 * people type passwords into the username field, and what they typed there must not reach the log.
 */
final class LoginAudit {

	private static final Logger log = LoggerFactory.getLogger(LoginAudit.class);

	private final UserDetailsManager users;

	LoginAudit(UserDetailsManager users) {
		this.users = users;
	}

	void succeeded(String username, String address) {
		SecurityDecision.of("login", "success").with("username", username).with("remote_address", address).info(log);
	}

	void failed(String attempted, String address, String reason) {
		SecurityDecision.of("login", "failure")
			.with("reason", reason)
			.with("username", existingOrNull(attempted))
			.with("remote_address", address)
			.warn(log);
	}

	private String existingOrNull(String attempted) {
		String username = Username.canonical(attempted);
		return (username != null && !username.isEmpty() && this.users.userExists(username)) ? username : null;
	}

}
