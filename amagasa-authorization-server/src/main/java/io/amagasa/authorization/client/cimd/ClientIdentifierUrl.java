package io.amagasa.authorization.client.cimd;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

import io.amagasa.authorization.client.LoopbackHost;

/**
 * A Client Identifier URL: a {@code client_id} that is the URL of the client's metadata document
 * (draft-ietf-oauth-client-id-metadata-document §3, AS-18). Accepted only if it
 * <ul>
 * <li>uses {@code https} (plain {@code http} only on a loopback host, and only with the development
 * switch {@code allow-loopback});</li>
 * <li>has no user information, a host, and a path (a port is allowed);</li>
 * <li>has no {@code .} or {@code ..} path segment, literal or percent-encoded;</li>
 * <li>has no fragment, not even an empty one;</li>
 * <li>has no query. The draft says SHOULD NOT; we refuse it, because a query makes one client reachable
 * under endless distinct ids, each of which would be fetched and cached separately (cache busting turns
 * the authorization endpoint into a fetch amplifier), and no client needs one.</li>
 * </ul>
 * The string is kept exactly as given: ids are compared by simple string comparison (RFC 3986 §6.2.1),
 * so {@code https://example.com/c} and {@code https://example.com:443/c} are different clients, and the
 * document is fetched from exactly this string.
 */
public final class ClientIdentifierUrl {

	/** Longer ids are refused: they are displayed to users and stored with authorizations. */
	public static final int MAX_LENGTH = 2048;

	/** How the {@link #registeredClientId() RegisteredClient ids} of metadata-document clients begin. */
	public static final String REGISTERED_CLIENT_ID_PREFIX = "cimd_";

	private final String value;

	private final URI uri;

	private ClientIdentifierUrl(String value, URI uri) {
		this.value = value;
		this.uri = uri;
	}

	/**
	 * Whether a {@code client_id} is in URL form and therefore resolved through its metadata document
	 * rather than looked up among registered clients. Every id starting with {@code https://} or
	 * {@code http://} (in any letter case) is: such ids are reserved for metadata documents, even when
	 * they then fail {@link #parse}.
	 */
	public static boolean isUrlForm(String clientId) {
		return clientId != null && (clientId.regionMatches(true, 0, "https://", 0, 8)
				|| clientId.regionMatches(true, 0, "http://", 0, 7));
	}

	/**
	 * @param clientId the {@code client_id} of the request
	 * @param allowLoopbackHttp the development switch: also accept {@code http} on {@code localhost},
	 * {@code 127.0.0.0/8} and {@code [::1]}
	 * @return the URL
	 * @throws ClientMetadataDocumentException naming the rule the id breaks
	 */
	public static ClientIdentifierUrl parse(String clientId, boolean allowLoopbackHttp) {
		if (clientId == null || clientId.isEmpty()) {
			throw new ClientMetadataDocumentException("the client_id is empty");
		}
		if (clientId.length() > MAX_LENGTH) {
			throw new ClientMetadataDocumentException("the client_id URL is longer than " + MAX_LENGTH + " characters");
		}
		for (int i = 0; i < clientId.length(); i++) {
			char c = clientId.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				throw new ClientMetadataDocumentException(
						"the client_id URL must consist of printable ASCII characters (non-ASCII must be percent-encoded)");
			}
		}
		URI uri;
		try {
			uri = new URI(clientId);
		}
		catch (URISyntaxException ex) {
			throw new ClientMetadataDocumentException("the client_id is not a valid URL");
		}
		boolean https = clientId.startsWith("https://");
		boolean loopbackHttp = allowLoopbackHttp && clientId.startsWith("http://") && LoopbackHost.is(uri.getHost());
		if (!https && !loopbackHttp) {
			throw new ClientMetadataDocumentException("the client_id URL must use https");
		}
		if (uri.getRawUserInfo() != null) {
			throw new ClientMetadataDocumentException("the client_id URL must not contain user information");
		}
		if (uri.getHost() == null) {
			throw new ClientMetadataDocumentException("the client_id URL must name a host");
		}
		String path = uri.getRawPath();
		if (path == null || path.isEmpty()) {
			throw new ClientMetadataDocumentException("the client_id URL must contain a path");
		}
		for (String segment : path.split("/", -1)) {
			String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
			if (decoded.equals(".") || decoded.equals("..")) {
				throw new ClientMetadataDocumentException("the client_id URL must not contain . or .. path segments");
			}
		}
		if (uri.getRawFragment() != null) {
			throw new ClientMetadataDocumentException("the client_id URL must not contain a fragment");
		}
		if (uri.getRawQuery() != null) {
			throw new ClientMetadataDocumentException("the client_id URL must not contain a query");
		}
		return new ClientIdentifierUrl(clientId, uri);
	}

	/** The id exactly as the client sent it, which is also the URL fetched. */
	public String value() {
		return this.value;
	}

	public URI uri() {
		return this.uri;
	}

	/**
	 * The {@code RegisteredClient.id} of this client: {@code cimd_} and the unpadded base64url SHA-256 of
	 * the URL, 48 characters. Authorizations and consents store this id and Spring Authorization Server
	 * looks the client up by it again (at the token endpoint, for introspection, revocation and consent);
	 * derived from the URL, it is the same on every instance and after every restart.
	 */
	public String registeredClientId() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(this.value.getBytes(StandardCharsets.US_ASCII));
			return REGISTERED_CLIENT_ID_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform supports SHA-256", ex);
		}
	}

	/** The host to show on the consent page (CIMD §6.4 SHOULD, AS-26). */
	public String host() {
		return this.uri.getHost();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
