package io.amagasa.authorization;

/**
 * Where the authorization endpoint sends a user who has not signed in. The default bean names Spring
 * Security's form login, {@code /login}; a login page of its own replaces this bean, together with a
 * {@link UserPagesCustomizer} that serves it.
 *
 * @param path the page's path on this server
 */
public record LoginPage(String path) {

	public LoginPage {
		requirePath("login page", path);
	}

	static void requirePath(String what, String path) {
		if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("?") || path.contains("#")) {
			throw new IllegalArgumentException(
					"The " + what + " path must be a path on this server such as /login, not '" + path + "'");
		}
	}

}
