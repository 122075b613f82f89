package io.amagasa.resource.token;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Finds {@code jwks_uri} in an authorization server's metadata, lazily on first use and then
 * remembered. The documents are tried in order; the first one found must name exactly the expected
 * {@code issuer} (RFC 8414 §3.3, OpenID Connect Discovery §4.3), or it is not used. Hand-written
 * rather than Spring's {@code JwtDecoderProviderConfigurationUtils} because that one is eager,
 * goes through its own RestTemplate (no timeouts) and tries OIDC first.
 */
final class IssuerMetadataDiscovery implements JwkSetLocation {

	private final String expectedIssuer;

	private final List<URI> documents;

	private final UnaryOperator<URI> jwkSetUriPolicy;

	private final OutboundHttp http;

	private volatile URI jwkSetUri;

	/**
	 * @param expectedIssuer the {@code issuer} the metadata must carry
	 * @param documents metadata URLs, in the order to try them
	 * @param jwkSetUriPolicy checks the discovered {@code jwks_uri}, throwing
	 * {@link IllegalArgumentException} when it may not be used
	 */
	IssuerMetadataDiscovery(String expectedIssuer, List<URI> documents, UnaryOperator<URI> jwkSetUriPolicy,
			OutboundHttp http) {
		this.expectedIssuer = expectedIssuer;
		this.documents = List.copyOf(documents);
		this.jwkSetUriPolicy = jwkSetUriPolicy;
		this.http = http;
	}

	/**
	 * RFC 8414 §3.1 metadata (the well-known segment inserted before the issuer path), then OpenID
	 * Connect Discovery §4 (appended to the issuer), as the MCP specification orders them for clients.
	 */
	static IssuerMetadataDiscovery forIssuer(String issuer, OutboundHttp http) {
		URI base = OutboundHttp.requireSecure(URI.create(issuer), "Issuer " + issuer + " (for metadata discovery)");
		String path = (base.getRawPath() != null && !base.getRawPath().equals("/")) ? base.getRawPath() : "";
		String origin = base.getScheme() + "://" + base.getRawAuthority();
		String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
		List<URI> documents = List.of(URI.create(origin + "/.well-known/oauth-authorization-server" + path),
				URI.create(trimmed + "/.well-known/openid-configuration"));
		return new IssuerMetadataDiscovery(issuer, documents,
				(uri) -> OutboundHttp.requireSecure(uri, "jwks_uri of " + issuer), http);
	}

	@Override
	public URI resolve() throws IOException {
		URI known = this.jwkSetUri;
		if (known != null) {
			return known;
		}
		IOException failure = null;
		for (URI document : this.documents) {
			OutboundHttp.Response response;
			try {
				response = this.http.get(document);
			}
			catch (IOException ex) {
				failure = ex;
				continue;
			}
			if (response.status() != 200) {
				failure = new IOException(document + " answered HTTP " + response.status());
				continue;
			}
			URI discovered = jwkSetUri(document, response.body());
			this.jwkSetUri = discovered;
			return discovered;
		}
		throw new IOException("No authorization server metadata for " + this.expectedIssuer, failure);
	}

	private URI jwkSetUri(URI document, String body) throws IOException {
		try {
			Map<String, Object> metadata = JSONObjectUtils.parse(body);
			String issuer = JSONObjectUtils.getString(metadata, "issuer");
			if (!this.expectedIssuer.equals(issuer)) {
				throw new IOException(document + " names issuer '" + issuer + "', not '" + this.expectedIssuer + "'");
			}
			String jwkSetUri = JSONObjectUtils.getString(metadata, "jwks_uri");
			if (jwkSetUri == null) {
				throw new IOException(document + " has no jwks_uri");
			}
			return this.jwkSetUriPolicy.apply(URI.create(jwkSetUri));
		}
		catch (ParseException | IllegalArgumentException ex) {
			throw new IOException("Unusable authorization server metadata at " + document + ": " + ex.getMessage(), ex);
		}
	}

}
