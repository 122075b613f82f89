package io.amagasa.authorization.consent;

import java.util.List;

import io.amagasa.authorization.client.ClientDisplayInfo;

/**
 * What the consent page shows and posts (AS-25, AS-26, AS-33).
 *
 * @param username who is signed in
 * @param client the client as the client-identification feature presents it
 * @param redirectHost the host this authorization's redirect URI points to: where the code goes
 * @param localhostRedirect whether that is this computer, which any local program could be listening on
 * @param scopes the requested scopes, described
 * @param resource the MCP server (protected resource) the tokens will be for; {@code null} when unknown
 * @param authorizationEndpoint where the decision is posted
 * @param clientId the {@code client_id} to post back
 * @param state the consent {@code state} to post back
 */
record ConsentView(String username, ClientDisplayInfo client, String redirectHost, boolean localhostRedirect,
		List<ScopeDescriptions.Scope> scopes, Resource resource, String authorizationEndpoint, String clientId,
		String state) {

	/**
	 * @param uri the resource identifier, e.g. {@code https://mcp.example.com/mcp}
	 * @param name its configured name, or {@code null} when it has none besides the URI
	 */
	record Resource(String uri, String name) {

	}

}
