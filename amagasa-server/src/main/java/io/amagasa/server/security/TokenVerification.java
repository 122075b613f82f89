package io.amagasa.server.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.amagasa.authorization.key.SignatureProviderSelection;
import io.amagasa.resource.token.AccessTokenVerifier;
import io.amagasa.resource.token.AccessTokenVerifierBuilder;
import io.amagasa.resource.token.EntraProfile;
import io.amagasa.resource.token.TrustedIssuer;
import io.amagasa.server.config.AuthProperties;
import io.amagasa.server.config.AuthProperties.AuthMode;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;

/** Maps the {@code amagasa.auth.*} settings of a mode onto the resource-server library's verifier. */
final class TokenVerification {

	private TokenVerification() {
	}

	static AccessTokenVerifier verifier(AuthProperties auth, URI resource, EmbeddedIssuer embedded,
			SslBundles sslBundles) {
		AccessTokenVerifierBuilder builder = AccessTokenVerifierBuilder.create()
			.clockSkew(auth.token().clockSkew())
			.maxTokenSize(auth.token().maxTokenBytes());
		if (auth.sslBundle() != null && !auth.sslBundle().isBlank()) {
			builder.sslContext(sslContext(auth.sslBundle(), sslBundles));
		}
		// RS-19 on every token seen for the first time, and on every forged one: see SignatureVerifierFactory
		SignatureProviderSelection
			.select(auth.token().signatureProvider(), "amagasa.auth.token.signature-provider", "verify")
			.ifPresent(builder::signatureProvider);
		if (!auth.token().cacheValidatedTokens()) {
			builder.validatedTokenCacheSize(0);
		}
		if (auth.mode() == AuthMode.EMBEDDED) {
			// the embedded server's access tokens are RFC 9068 JWTs for exactly this resource
			builder.trustedIssuer(
					new TrustedIssuer(embedded.issuer(), embedded.jwkSetUri(), List.of(resource.toString()), true, null));
		}
		else if (auth.mode() == AuthMode.ENTRA) {
			builder.entra(entraProfile(auth.entra()));
		}
		else {
			builder.trustedIssuers(trustedIssuers(auth.external(), resource));
		}
		return builder.build();
	}

	/**
	 * RS-27: the bundle's trust decides which certificates the issuers' endpoints may present; a reloaded
	 * bundle applies from the next connection on.
	 */
	private static SSLContext sslContext(String bundle, SslBundles sslBundles) {
		try {
			return ReloadingSslContext.of(bundle, sslBundles);
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalStateException("amagasa.auth.ssl-bundle: no SSL bundle named '" + bundle
					+ "' is configured: expected the name of a bundle under spring.ssl.bundle.pem.* or "
					+ "spring.ssl.bundle.jks.*, for example spring.ssl.bundle.pem." + bundle
					+ ".truststore.certificate=file:/path/to/ca.pem", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("amagasa.auth.ssl-bundle: SSL bundle '" + bundle + "' cannot be used: "
					+ ex.getMessage(), ex);
		}
	}

	static EntraProfile entraProfile(AuthProperties.Entra entra) {
		require(entra.tenantId(), "amagasa.auth.entra.tenant-id",
				"the directory (tenant) id GUID, or 'organizations' for a multi-tenant API");
		require(entra.clientId(), "amagasa.auth.entra.client-id", "the API app registration's application (client) id GUID");
		try {
			return new EntraProfile(entra.tenantId(), entra.clientId(), identifierUri(entra),
					new HashSet<>(entra.allowedTenants()), entra.acceptedTokenVersions(), entra.authorityBase());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("amagasa.auth.entra: " + ex.getMessage(), ex);
		}
	}

	static String identifierUri(AuthProperties.Entra entra) {
		return entra.identifierUri() != null ? entra.identifierUri() : "api://" + entra.clientId();
	}

	private static List<TrustedIssuer> trustedIssuers(AuthProperties.External external, URI resource) {
		require(external.issuer(), "amagasa.auth.external.issuer",
				"the issuer identifier of your authorization server, exactly as in its tokens' iss claim");
		List<TrustedIssuer> issuers = new ArrayList<>();
		issuers.add(trustedIssuer("amagasa.auth.external", external.issuer(), external.jwkSetUri(),
				external.audiences(), external.requireAtJwtType(), external.introspection(), resource));
		for (int i = 0; i < external.additionalIssuers().size(); i++) {
			AuthProperties.Issuer issuer = external.additionalIssuers().get(i);
			String prefix = "amagasa.auth.external.additional-issuers[" + i + "]";
			require(issuer.issuer(), prefix + ".issuer", "an issuer identifier");
			issuers.add(trustedIssuer(prefix, issuer.issuer(), issuer.jwkSetUri(), issuer.audiences(),
					issuer.requireAtJwtType(), issuer.introspection(), resource));
		}
		return issuers;
	}

	private static TrustedIssuer trustedIssuer(String prefix, String issuer, URI jwkSetUri, List<String> aliases,
			boolean requireAtJwtType, AuthProperties.Introspection introspection, URI resource) {
		List<String> audiences = new ArrayList<>();
		audiences.add(resource.toString());
		audiences.addAll(aliases);
		TrustedIssuer.Introspection introspect = null;
		if (introspection != null) {
			if (introspection.endpoint() == null || introspection.clientId() == null
					|| introspection.clientSecret() == null) {
				throw new IllegalStateException(prefix + ".introspection needs endpoint, client-id and client-secret "
						+ "(the resource server's own credentials at the authorization server)");
			}
			introspect = new TrustedIssuer.Introspection(introspection.endpoint(), introspection.clientId(),
					introspection.clientSecret());
		}
		try {
			return new TrustedIssuer(issuer, jwkSetUri, audiences, requireAtJwtType, introspect);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(prefix + ": " + ex.getMessage(), ex);
		}
	}

	private static void require(String value, String setting, String expected) {
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(setting + " is not set: expected " + expected);
		}
	}

}
