package io.amagasa.resource.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Configuration errors surface when the verifier is built, with the offending value named. */
class AccessTokenVerifierBuilderTests {

	static final TrustedIssuer ISSUER = new TrustedIssuer("https://as.example.com", null,
			List.of("https://mcp.example.com/mcp"), true, null);

	@Test
	@DisplayName("Clock skew above 5 minutes is refused, naming the value")
	void clockSkewBound() {
		assertThatIllegalArgumentException().isThrownBy(() -> AccessTokenVerifierBuilder.create().clockSkew(Duration.ofMinutes(6)))
			.withMessageContaining("PT6M");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessTokenVerifierBuilder.create().clockSkew(Duration.ofSeconds(-1)));
		AccessTokenVerifierBuilder.create().clockSkew(Duration.ofMinutes(5));
	}

	@Test
	@DisplayName("Nothing to trust, a doubled issuer, a refetch interval not below the cache lifetime, or an SSL "
			+ "context beside a given HttpClient are refused")
	void contradictions() throws Exception {
		assertThatIllegalArgumentException().isThrownBy(() -> AccessTokenVerifierBuilder.create().build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessTokenVerifierBuilder.create().trustedIssuer(ISSUER).trustedIssuer(ISSUER).build())
			.withMessageContaining("configured twice");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessTokenVerifierBuilder.create()
				.trustedIssuer(ISSUER)
				.jwkSetCacheLifetime(Duration.ofSeconds(30))
				.build())
			.withMessageContaining("jwkSetRefreshMinInterval");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessTokenVerifierBuilder.create()
				.trustedIssuer(ISSUER)
				.httpClient(HttpClient.newHttpClient())
				.sslContext(SSLContext.getDefault())
				.build())
			.withMessageContaining("either httpClient or sslContext");
	}

	@Test
	@DisplayName("RS-27: JWK set, introspection and discovery URLs need https, except on loopback")
	void transportSecurity() {
		List<String> audience = List.of("https://mcp.example.com/mcp");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessTokenVerifierBuilder.create()
				.trustedIssuer(new TrustedIssuer("https://as", URI.create("http://as.example.com/jwks"), audience, true, null))
				.build())
			.withMessageContaining("https");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessTokenVerifierBuilder.create()
				.trustedIssuer(new TrustedIssuer("http://as.example.com", null, audience, true, null))
				.build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessTokenVerifierBuilder.create()
				.trustedIssuer(new TrustedIssuer("https://as", URI.create("https://as/jwks"), audience, true,
						new TrustedIssuer.Introspection(URI.create("http://as.example.com/introspect"), "id", "secret")))
				.build());
		AccessTokenVerifierBuilder.create()
			.trustedIssuer(new TrustedIssuer("http://localhost:9797", null, audience, true, null))
			.trustedIssuer(new TrustedIssuer("x", URI.create("http://127.0.0.1:1/jwks"), audience, true, null))
			.build();
	}

	@Test
	@DisplayName("Issuer and profile records check their values; the introspection secret never shows")
	void records() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedIssuer(" ", null, List.of("a"), true, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedIssuer("i", null, List.of(), true, null));
		assertThat(new TrustedIssuer.Introspection(URI.create("https://as/introspect"), "id", "hunter2").toString())
			.doesNotContain("hunter2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EntraProfile.of("contoso.onmicrosoft.com", "6e74172b-be56-4843-9ff4-e66a39bb12e3", "api://x"));
		assertThatIllegalArgumentException().isThrownBy(() -> EntraProfile.of("common", "not-a-guid", "api://x"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EntraProfile.of("common", "6e74172b-be56-4843-9ff4-e66a39bb12e3", "api://x/"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EntraProfile("common", "6e74172b-be56-4843-9ff4-e66a39bb12e3", "api://x", null,
					Set.of(3), null));
		EntraProfile profile = new EntraProfile("ORGANIZATIONS", "6E74172B-BE56-4843-9FF4-E66A39BB12E3", "api://x", null,
				null, null);
		assertThat(profile.tenantId()).isEqualTo("organizations");
		assertThat(profile.apiClientId()).isEqualTo("6e74172b-be56-4843-9ff4-e66a39bb12e3");
		assertThat(profile.acceptedVersions()).containsExactlyInAnyOrder(1, 2);
		assertThat(profile.authorityBase()).isEqualTo(EntraProfile.DEFAULT_AUTHORITY_BASE);
	}

	@Test
	@DisplayName("RFC 6750 §3: error descriptions keep to the allowed characters")
	void safeDescription() {
		InvalidTokenException ex = new InvalidTokenException("malformed", "a \"quoted\" \\ value\n\u00e9");
		assertThat(ex.description()).isEqualTo("a 'quoted' ? value??");
		assertThat(ex.description().chars())
			.allMatch((c) -> c == 0x20 || c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
		assertThat(ex.reason()).isEqualTo("malformed");
	}

}
