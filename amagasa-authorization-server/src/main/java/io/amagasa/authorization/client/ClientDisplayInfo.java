package io.amagasa.authorization.client;

import java.net.URI;
import java.util.List;

/**
 * What the consent page shows about a client (AS-25, AS-26, AS-33; CIMD §6.4).
 *
 * @param clientName the client's name as it calls itself ({@code client_name}); unverified
 * @param clientId the {@code client_id}
 * @param registration how the client is known to this server
 * @param clientIdHost the host of a {@code client_id} that is a URL (a metadata-document client, or one
 * pre-registered under its URL), the one fact about it the user can verify (CIMD §6.4 SHOULD display
 * it); {@code null} otherwise
 * @param redirectHosts the distinct hosts the client's redirect URIs point to, in registration order; a
 * URI without a host (a private-use scheme) appears as its scheme followed by a colon
 * ({@code com.example.app:}). AS-25 MUST display them.
 * @param localhostRedirectsOnly whether every redirect URI points to the user's own machine; the page
 * SHOULD then warn that any local program could be the client (AS-25, SBP-10)
 * @param logoUri the {@code logo_uri} of a metadata-document client (https only); {@code null} otherwise.
 * Not prefetched: a page that shows it makes the user's browser fetch it from the client's host.
 */
public record ClientDisplayInfo(String clientName, String clientId, Registration registration, String clientIdHost,
		List<String> redirectHosts, boolean localhostRedirectsOnly, URI logoUri) {

	public ClientDisplayInfo {
		redirectHosts = List.copyOf(redirectHosts);
	}

	/** How a client came to be known. */
	public enum Registration {

		/** Registered by an administrator (from configuration, or under a Client Identifier URL, CIMD §5.2). */
		PRE_REGISTERED,
		/** Identified by a Client ID Metadata Document at its {@code client_id} URL. */
		CLIENT_ID_METADATA_DOCUMENT,
		/** Registered itself through Dynamic Client Registration (RFC 7591): anyone could have. */
		DYNAMIC_REGISTRATION

	}

}
