package io.amagasa.resource.token;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Entra profile (entra-id.md §3, the-field.md §3), on the claim sets of Microsoft's sample
 * v1.0 and v2.0 access tokens, signed by a test key that a local server publishes the way Entra
 * does: a v2.0 OpenID configuration per tenant and a key set whose keys carry an {@code issuer}.
 */
class EntraTokenVerificationTests {

	/** Tenant and API of Microsoft's sample v1.0 token. */
	static final String V1_TENANT = "fa15d692-e9c7-4460-a743-29f2956fd429";

	static final String V1_API = "ef1da9d4-ff77-4c3e-a005-840c3f830745";

	/** Tenant and API of Microsoft's sample v2.0 token. */
	static final String V2_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	static final String V2_API = "6e74172b-be56-4843-9ff4-e66a39bb12e3";

	static final String OTHER_TENANT = "11111111-2222-3333-4444-555555555555";

	TestAuthorizationServer server;

	String authority;

	RSAKey key = TestTokens.rsaKey("entra-key-1");

	@BeforeEach
	void start() {
		this.server = TestAuthorizationServer.start();
		this.authority = this.server.baseUrl();
		for (String tenant : List.of(V1_TENANT, V2_TENANT, OTHER_TENANT)) {
			publishTenant(tenant, tenant, this.key);
		}
		publishTenant("organizations", "{tenantid}", this.key);
		publishTenant("common", "{tenantid}", this.key);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	/** Entra's endpoints for one tenant path; every key's issuer names {@code keyTenant}. */
	void publishTenant(String tenant, String keyTenant, RSAKey... keys) {
		String issuer = this.authority + "/" + keyTenant + "/v2.0";
		this.server.json("/" + tenant + "/v2.0/.well-known/openid-configuration",
				Map.of("issuer", issuer, "jwks_uri", this.authority + "/" + tenant + "/discovery/v2.0/keys",
						"id_token_signing_alg_values_supported", List.of("RS256")));
		this.server.publishKeys("/" + tenant + "/discovery/v2.0/keys", List.of(keys).stream().map((key) -> {
			Map<String, Object> json = new HashMap<>(key.toPublicJWK().toJSONObject());
			json.put("use", "sig");
			json.put("x5t", key.getKeyID());
			json.put("issuer", issuer);
			return (Map<String, Object>) json;
		}).toList());
	}

	int keyFetches(String tenant) {
		return this.server.hits("/" + tenant + "/discovery/v2.0/keys");
	}

	EntraProfile profile(String tenant, String api, String identifierUri, Set<String> allowedTenants,
			Set<Integer> versions) {
		return new EntraProfile(tenant, api, identifierUri, allowedTenants, versions, URI.create(this.authority));
	}

	AccessTokenVerifier verifier(EntraProfile profile) {
		return AccessTokenVerifierBuilder.create().entra(profile).build();
	}

	AccessTokenVerifier v1Verifier() {
		return verifier(profile(V1_TENANT, V1_API, "api://" + V1_API, Set.of(), Set.of(1, 2)));
	}

	AccessTokenVerifier v2Verifier() {
		return verifier(profile(V2_TENANT, V2_API, "api://" + V2_API, Set.of(), Set.of(1, 2)));
	}

	String v2Issuer(String tenant) {
		return this.authority + "/" + tenant + "/v2.0";
	}

	/** Entra signs with RS256, a kid (and x5t for v1.0) and typ JWT. */
	String sign(JWTClaimsSet claims) {
		return TestTokens.sign(this.key, TestTokens.header(this.key).type(JOSEObjectType.JWT).build(), claims);
	}

	JWTClaimsSet v1(Map<String, Object> overrides) {
		return TestTokens.fixture("entra-v1-access-token.json", overrides);
	}

	JWTClaimsSet v2(Map<String, Object> overrides) {
		Map<String, Object> claims = new HashMap<>(Map.of("iss", v2Issuer(V2_TENANT)));
		claims.putAll(overrides);
		return TestTokens.fixture("entra-v2-access-token.json", claims);
	}

	static String reason(AccessTokenVerifier verifier, String token) {
		return assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier.verify(token))
			.actual()
			.reason();
	}

	@Test
	@DisplayName("Entra v1.0: Microsoft's sample token is accepted; scp is qualified, appid is the client")
	void v1Token() {
		Caller caller = v1Verifier().verify(sign(v1(Map.of())));
		assertThat(caller.issuer()).isEqualTo("https://sts.windows.net/" + V1_TENANT + "/");
		assertThat(caller.subject()).isEqualTo("l3_roISQU222bULS9yi2k0XpqpOiMz5H3ZACo1GeXA");
		assertThat(caller.clientId()).isEqualTo("75dbe77f-10a3-4e59-85fd-8c127544f17c");
		assertThat(caller.scopes()).containsExactly("api://" + V1_API + "/user_impersonation");
		assertThat(caller.tenantId()).isEqualTo(V1_TENANT);
		assertThat(caller.claims()).containsEntry("unique_name", "abeli@microsoft.com");
		assertThat(this.server.hits("/" + V1_TENANT + "/v2.0/.well-known/openid-configuration")).isEqualTo(1);
		assertThat(keyFetches(V1_TENANT)).isEqualTo(1);
	}

	@Test
	@DisplayName("RS-20 Entra v1.0: aud may be the client id, api://{client id} or the identifier URI")
	void v1Audiences() {
		String identifierUri = "https://weather.contoso.com";
		AccessTokenVerifier verifier = verifier(profile(V1_TENANT, V1_API, identifierUri, Set.of(), Set.of(1)));
		for (String audience : List.of(V1_API, "api://" + V1_API, identifierUri, "HTTPS://Weather.Contoso.com")) {
			Caller caller = verifier.verify(sign(v1(Map.of("aud", audience))));
			assertThat(caller.scopes()).containsExactly(identifierUri + "/user_impersonation");
		}
		assertThat(reason(verifier, sign(v1(Map.of("aud", "api://" + V2_API)))))
			.isEqualTo(InvalidTokenException.AUDIENCE_MISMATCH);
	}

	@Test
	@DisplayName("Entra v2.0: Microsoft's sample token is accepted; azp is the client")
	void v2Token() {
		Caller caller = v2Verifier().verify(sign(v2(Map.of())));
		assertThat(caller.issuer()).isEqualTo(v2Issuer(V2_TENANT));
		assertThat(caller.clientId()).isEqualTo(V2_API);
		assertThat(caller.scopes()).containsExactly("api://" + V2_API + "/access_as_user");
		assertThat(caller.roles()).isEmpty();
		assertThat(caller.tenantId()).isEqualTo(V2_TENANT);
	}

	@Test
	@DisplayName("RS-20 Entra v2.0: aud is always the client id, so api://{client id} is not accepted")
	void v2Audience() {
		assertThat(reason(v2Verifier(), sign(v2(Map.of("aud", "api://" + V2_API)))))
			.isEqualTo(InvalidTokenException.AUDIENCE_MISMATCH);
		assertThat(reason(v2Verifier(), sign(v2(Map.of("aud", V1_API))))).isEqualTo(InvalidTokenException.AUDIENCE_MISMATCH);
	}

	@Test
	@DisplayName("Entra app-only token: roles are application permissions, azp the client, no scopes")
	void appOnlyToken() {
		JWTClaimsSet claims = TestTokens.fixture("entra-v2-app-token.json", Map.of("iss", v2Issuer(V2_TENANT)));
		Caller caller = v2Verifier().verify(sign(claims));
		assertThat(caller.roles()).containsExactlyInAnyOrder("Forecast.Read", "Alerts.Read");
		assertThat(caller.scopes()).isEmpty();
		assertThat(caller.clientId()).isEqualTo("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
		assertThat(caller.claims()).containsEntry("idtyp", "app");
	}

	@Test
	@DisplayName("RS-21: a Microsoft Graph token (nonce header) is refused as foreign_resource_token, with no fetch")
	void graphToken() {
		JWTClaimsSet claims = TestTokens.fixture("entra-graph-access-token.json", Map.of());
		String token = TestTokens.sign(this.key,
				TestTokens.header(this.key).type(JOSEObjectType.JWT).customParam("nonce", "pZ3s0AC6e8rXQ").build(), claims);
		for (AccessTokenVerifier verifier : List.of(v1Verifier(),
				verifier(profile(V1_TENANT, V1_API, "api://" + V1_API, Set.of(), Set.of(2))))) {
			InvalidTokenException refusal = assertThatExceptionOfType(InvalidTokenException.class)
				.isThrownBy(() -> verifier.verify(token))
				.actual();
			assertThat(refusal.reason()).isEqualTo(InvalidTokenException.FOREIGN_RESOURCE_TOKEN);
			assertThat(refusal.description()).isEqualTo(
					"The access token was issued for another resource (e.g. Microsoft Graph); request a token for api://"
							+ V1_API);
		}
		assertThat(this.server.totalHits()).isZero();
	}

	@Test
	@DisplayName("Entra: v1.0 tokens are refused when only v2.0 is accepted, without any fetch")
	void v1Disabled() {
		AccessTokenVerifier verifier = verifier(profile(V1_TENANT, V1_API, "api://" + V1_API, Set.of(), Set.of(2)));
		assertThat(reason(verifier, sign(v1(Map.of())))).isEqualTo(InvalidTokenException.UNTRUSTED_ISSUER);
		assertThat(this.server.totalHits()).isZero();
	}

	@Test
	@DisplayName("Entra: v2.0 tokens are refused when only v1.0 is accepted")
	void v2Disabled() {
		AccessTokenVerifier verifier = verifier(profile(V2_TENANT, V2_API, "api://" + V2_API, Set.of(), Set.of(1)));
		assertThat(reason(verifier, sign(v2(Map.of())))).isEqualTo(InvalidTokenException.UNTRUSTED_ISSUER);
	}

	@Test
	@DisplayName("Entra single tenant: a token of another tenant is refused without any fetch")
	void singleTenant() {
		String token = sign(v2(Map.of("iss", v2Issuer(OTHER_TENANT), "tid", OTHER_TENANT)));
		assertThat(reason(v2Verifier(), token)).isEqualTo(InvalidTokenException.TENANT_NOT_ALLOWED);
		assertThat(this.server.totalHits()).isZero();
		AccessTokenVerifier allowed = verifier(profile(V2_TENANT, V2_API, "api://" + V2_API, Set.of(OTHER_TENANT), null));
		assertThat(allowed.verify(token).tenantId()).isEqualTo(OTHER_TENANT);
		assertThat(allowed.verify(sign(v2(Map.of()))).tenantId()).isEqualTo(V2_TENANT);
		assertThat(keyFetches("common")).isEqualTo(1);
	}

	@Test
	@DisplayName("Entra multi-tenant: the allow-list decides; the issuer is templated per tid")
	void multiTenantAllowList() {
		AccessTokenVerifier verifier = verifier(
				profile("organizations", V2_API, "api://" + V2_API, Set.of(V2_TENANT), Set.of(1, 2)));
		assertThat(verifier.verify(sign(v2(Map.of()))).tenantId()).isEqualTo(V2_TENANT);
		assertThat(keyFetches("organizations")).isEqualTo(1);
		assertThat(reason(verifier, sign(v2(Map.of("iss", v2Issuer(OTHER_TENANT), "tid", OTHER_TENANT)))))
			.isEqualTo(InvalidTokenException.TENANT_NOT_ALLOWED);
		assertThat(reason(verifier,
				sign(v1(Map.of("aud", V2_API, "iss", "https://sts.windows.net/" + OTHER_TENANT + "/", "tid", OTHER_TENANT)))))
			.isEqualTo(InvalidTokenException.TENANT_NOT_ALLOWED);
	}

	@Test
	@DisplayName("Entra organizations without allow-list: any work tenant, not personal Microsoft accounts")
	void organizationsExcludeConsumers() {
		AccessTokenVerifier verifier = verifier(profile("organizations", V2_API, "api://" + V2_API, Set.of(), null));
		assertThat(verifier.verify(sign(v2(Map.of("iss", v2Issuer(OTHER_TENANT), "tid", OTHER_TENANT)))).tenantId())
			.isEqualTo(OTHER_TENANT);
		String consumer = EntraTenants.CONSUMERS;
		assertThat(reason(verifier, sign(v2(Map.of("iss", v2Issuer(consumer), "tid", consumer)))))
			.isEqualTo(InvalidTokenException.TENANT_NOT_ALLOWED);
	}

	@Test
	@DisplayName("Entra: a key whose issuer names one tenant does not sign for another")
	void signingKeyIssuer() {
		RSAKey consumerKey = TestTokens.rsaKey("consumer-key");
		publishTenant("organizations", "{tenantid}", this.key);
		Map<String, Object> scoped = new HashMap<>(consumerKey.toPublicJWK().toJSONObject());
		scoped.put("issuer", v2Issuer(EntraTenants.CONSUMERS));
		Map<String, Object> templated = new HashMap<>(this.key.toPublicJWK().toJSONObject());
		templated.put("issuer", this.authority + "/{TenantId}/v2.0");
		this.server.publishKeys("/organizations/discovery/v2.0/keys", List.of(templated, scoped));
		AccessTokenVerifier verifier = verifier(profile("organizations", V2_API, "api://" + V2_API, Set.of(), null));
		assertThat(verifier.verify(sign(v2(Map.of()))).tenantId()).isEqualTo(V2_TENANT);
		String token = TestTokens.sign(consumerKey, TestTokens.header(consumerKey).type(JOSEObjectType.JWT).build(),
				v2(Map.of()));
		assertThat(reason(verifier, token)).isEqualTo(InvalidTokenException.UNTRUSTED_ISSUER);
	}

	@Test
	@DisplayName("Entra: tid must be the tenant of iss, and ver must match the issuer form")
	void chainOfTrust() {
		assertThat(reason(v2Verifier(), sign(v2(Map.of("tid", OTHER_TENANT)))))
			.isEqualTo(InvalidTokenException.UNTRUSTED_ISSUER);
		assertThat(reason(v2Verifier(), sign(v2(Map.of("ver", "1.0"))))).isEqualTo(InvalidTokenException.WRONG_TYPE);
		JWTClaimsSet noVersion = new JWTClaimsSet.Builder(v2(Map.of())).claim("ver", null).build();
		assertThat(reason(v2Verifier(), sign(noVersion))).isEqualTo(InvalidTokenException.WRONG_TYPE);
	}

	@Test
	@DisplayName("RS-19 Entra: expiry, signature and a missing kid are enforced")
	void standardChecks() {
		JWTClaimsSet expired = v2(Map.of("exp", Date.from(Instant.now().minusSeconds(600))));
		assertThat(reason(v2Verifier(), sign(expired))).isEqualTo(InvalidTokenException.EXPIRED);
		RSAKey impostor = TestTokens.rsaKey("entra-key-1");
		assertThat(reason(v2Verifier(),
				TestTokens.sign(impostor, TestTokens.header(impostor).type(JOSEObjectType.JWT).build(), v2(Map.of()))))
			.isEqualTo(InvalidTokenException.BAD_SIGNATURE);
		assertThat(reason(v2Verifier(),
				TestTokens.sign(this.key, TestTokens.header(this.key).keyID(null).type(JOSEObjectType.JWT).build(),
						v2(Map.of()))))
			.isEqualTo(InvalidTokenException.UNKNOWN_KEY);
	}

	@Test
	@DisplayName("Entra and a standards-compliant issuer together: each token goes to its own verifier")
	void entraAndTrustedIssuer() {
		String issuer = this.authority + "/as";
		RSAKey asKey = TestTokens.rsaKey("as-key");
		this.server.publishKeys("/as/jwks", asKey);
		AccessTokenVerifier verifier = AccessTokenVerifierBuilder.create()
			.trustedIssuer(new TrustedIssuer(issuer, this.server.uri("/as/jwks"), List.of("https://mcp.example.com/mcp"),
					true, null))
			.entra(profile(V2_TENANT, V2_API, "api://" + V2_API, Set.of(), null))
			.build();
		assertThat(verifier.verify(sign(v2(Map.of()))).issuer()).isEqualTo(v2Issuer(V2_TENANT));
		assertThat(verifier.verify(TestTokens.sign(asKey, TestTokens.claims(issuer, "https://mcp.example.com/mcp").build()))
			.issuer()).isEqualTo(issuer);
	}

}
