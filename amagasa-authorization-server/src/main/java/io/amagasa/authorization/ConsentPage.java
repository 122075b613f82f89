package io.amagasa.authorization;

/**
 * Where the authorization endpoint sends the user to approve a client's scopes (AS-33). Without a bean of
 * this type Spring Authorization Server renders its own consent page.
 *
 * @param path the page's path on this server, e.g. {@code /consent}; it receives {@code client_id},
 * {@code scope} and {@code state} and posts the decision back to the authorization endpoint
 */
public record ConsentPage(String path) {

	public ConsentPage {
		LoginPage.requirePath("consent page", path);
	}

}
