package io.amagasa.resource.token;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens that Microsoft Entra ID issues for one API (see entra-id.md §3 and Microsoft's
 * access-tokens.md). Before any key is fetched, from the unverified token: a {@code nonce} JOSE
 * header marks a token minted for another resource such as Microsoft Graph, which cannot be
 * verified and is not ours (RS-21); the issuer's version must be accepted and its tenant allowed.
 * Then the signature against the tenant's keys, the claims per version ({@link EntraClaimsVerifier}),
 * and the signing key's own {@code issuer}, which scopes a key to one tenant or to any.
 */
final class EntraTokenVerifier {

	/** Microsoft's placeholder in templated issuers, matched case-insensitively as its docs do. */
	private static final Pattern TENANT_PLACEHOLDER = Pattern.compile("\\{tenantid\\}", Pattern.CASE_INSENSITIVE);

	private final String authority;

	private final String identifierUri;

	private final EntraTenants tenants;

	private final RemoteJwkSetSource keySource;

	private final Map<Integer, SignedJwtVerifier> versions = new HashMap<>();

	private final CallerClaims callerClaims;

	EntraTokenVerifier(EntraProfile profile, JWKSource<SecurityContext> keys, RemoteJwkSetSource keySource,
			JWSVerifierFactory signatures, TokenLifetime lifetime) {
		this.authority = authority(profile);
		this.identifierUri = profile.identifierUri();
		this.tenants = new EntraTenants(profile);
		this.keySource = keySource;
		this.callerClaims = new CallerClaims((scope) -> profile.identifierUri() + "/" + scope);
		// v1.0: aud is "the client ID or the resource URI used in the request"; v2.0: "always the
		// client ID of the API" (access-token-claims-reference, aud)
		// (the identifier URI is often api://{client id} itself)
		Map<Integer, List<String>> audiences = Map.of(1,
				List.of(profile.apiClientId(), "api://" + profile.apiClientId(), profile.identifierUri()), 2,
				List.of(profile.apiClientId()));
		for (int version : profile.acceptedVersions()) {
			ResourceAudience audience = new ResourceAudience(audiences.get(version));
			this.versions.put(version,
					new SignedJwtVerifier(keys, signatures, AccessTokenTypeVerifier.accessTokenOrPlainJwt(),
							new EntraClaimsVerifier(version, this.authority, audience, lifetime)));
		}
	}

	/**
	 * The signing keys, from the {@code jwks_uri} of a v2.0 OpenID configuration: v1.0 and v2.0
	 * tokens are signed with the same keys, and only the v2.0 key set carries each key's
	 * {@code issuer}. A home tenant alone reads its own configuration; with other tenants allowed,
	 * the tenant-independent {@code common} one, whose keys sign for any tenant their
	 * {@code issuer} admits. The key set must live on the authority itself.
	 */
	static IssuerMetadataDiscovery keyLocation(EntraProfile profile, OutboundHttp http) {
		String authority = authority(profile);
		URI origin = OutboundHttp.requireSecure(URI.create(authority), "Entra authorityBase");
		boolean homeTenantOnly = Set.of(profile.tenantId()).containsAll(profile.allowedTenants());
		boolean singleTenant = EntraProfile.GUID.matcher(profile.tenantId()).matches();
		String keyTenant = (singleTenant && !homeTenantOnly) ? EntraProfile.COMMON : profile.tenantId();
		String metadataIssuer = authority + "/" + (keyTenant.equals(profile.tenantId()) && singleTenant
				? keyTenant : "{tenantid}") + "/v2.0";
		URI document = URI.create(authority + "/" + keyTenant + "/v2.0/.well-known/openid-configuration");
		return new IssuerMetadataDiscovery(metadataIssuer, List.of(document), (jwkSetUri) -> {
			if (!Objects.equals(jwkSetUri.getScheme(), origin.getScheme())
					|| !Objects.equals(jwkSetUri.getRawAuthority(), origin.getRawAuthority())) {
				throw new IllegalArgumentException("jwks_uri " + jwkSetUri + " is not on " + authority);
			}
			return jwkSetUri;
		}, http);
	}

	/** @return the issuer's version and tenant when {@code issuer} is an Entra issuer, else {@code null} */
	EntraIssuer recognize(String issuer) {
		return EntraIssuer.parse(issuer, this.authority);
	}

	Caller verify(SignedJWT token, EntraIssuer issuer) {
		if (token.getHeader().getCustomParam("nonce") != null) {
			throw new InvalidTokenException(InvalidTokenException.FOREIGN_RESOURCE_TOKEN,
					"The access token was issued for another resource (e.g. Microsoft Graph); request a token for "
							+ this.identifierUri);
		}
		SignedJwtVerifier verifier = this.versions.get(issuer.version());
		if (verifier == null) {
			throw new InvalidTokenException(InvalidTokenException.UNTRUSTED_ISSUER,
					"Entra v" + issuer.version() + ".0 access tokens are not accepted");
		}
		if (!this.tenants.allows(issuer.tenant())) {
			throw new InvalidTokenException(InvalidTokenException.TENANT_NOT_ALLOWED,
					"The token tenant is not allowed");
		}
		String keyId = token.getHeader().getKeyID();
		if (keyId == null) {
			throw new InvalidTokenException(InvalidTokenException.UNKNOWN_KEY, "The token names no signing key (kid)");
		}
		JWTClaimsSet claims = verifier.verify(token);
		verifySigningKeyIssuer(keyId, issuer.tenant());
		return this.callerClaims.caller(claims.getIssuer(), claims.getClaims());
	}

	/**
	 * access-tokens.md "Validate the signing key issuer": a key whose {@code issuer} names a tenant
	 * signs only that tenant's tokens; a templated {@code {tenantid}} issuer signs for any tenant. A
	 * key published without an {@code issuer} is not scoped to a tenant.
	 */
	private void verifySigningKeyIssuer(String keyId, String tenant) {
		String keyIssuer = this.keySource.keyIssuer(keyId);
		if (keyIssuer == null) {
			return;
		}
		String resolved = TENANT_PLACEHOLDER.matcher(keyIssuer).replaceAll(Matcher.quoteReplacement(tenant));
		if (!resolved.equals(EntraIssuer.issuer(2, tenant, this.authority))) {
			throw new InvalidTokenException(InvalidTokenException.UNTRUSTED_ISSUER,
					"The token signing key belongs to another tenant");
		}
	}

	private static String authority(EntraProfile profile) {
		String base = profile.authorityBase().toString();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

}
