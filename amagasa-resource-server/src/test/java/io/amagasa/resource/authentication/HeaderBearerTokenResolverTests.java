package io.amagasa.resource.authentication;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * RFC 6750 §2.1 ({@code "Bearer" 1*SP b64token}), the only form a bearer credential may take (RS-24); the
 * scheme is case-insensitive (RFC 9110 §11.1).
 */
class HeaderBearerTokenResolverTests {

	private final HeaderBearerTokenResolver resolver = new HeaderBearerTokenResolver();

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "Bearer abc.def", "bearer abc.def", "BeArEr abc.def", "Bearer    abc.def",
			" Bearer abc.def ", "Bearer\tabc.def" })
	void headers(String header) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		request.addHeader("Authorization", header);
		boolean bearer = !header.contains("\t");
		assertThat(this.resolver.resolve(request)).isEqualTo(bearer ? "abc.def" : null);
		assertThat(HeaderBearerTokenResolver.presentsBearerScheme(request)).isEqualTo(bearer);
	}

	@ParameterizedTest(name = "[{0}]")
	@CsvSource(delimiter = '|', value = { "Bearer| the Bearer credentials are empty",
			"'Bearer  '| the Bearer credentials are empty",
			"Bearer \ttoken| the bearer token has characters outside the RFC 6750 b64token syntax",
			"Bearer a b| the Authorization header carries more than one credential",
			"Bearer a,b| the Authorization header carries more than one credential" })
	void malformedBearerHeaders(String header, String description) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		request.addHeader("Authorization", header);
		assertThat(HeaderBearerTokenResolver.presentsBearerScheme(request)).isTrue();
		assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.resolver.resolve(request))
			.satisfies(ex -> assertThat(ex.getError().getDescription()).isEqualTo(description));
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "Basic YWxpY2U6c2VjcmV0", "DPoP abc.def", "Bearerabc.def", "Bear abc.def" })
	void otherSchemesAreNoBearerCredentials(String header) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		request.addHeader("Authorization", header);
		assertThat(this.resolver.resolve(request)).isNull();
		assertThat(HeaderBearerTokenResolver.presentsBearerScheme(request)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl", "abc", "a-b.c_d~e+f/g", "abc=",
			"abc==", "Z9" })
	void b64tokens(String token) {
		assertThat(HeaderBearerTokenResolver.isB64Token(token)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "=", "==", "a=b", "a b", "a,b", "a\"b", "a;b", "é", "a\u0000", "a%20b", "=abc",
			// the neighbours of the allowed ranges, DEL, and beyond ASCII
			"a@b", "a[b", "a`b", "a{b", "a:b", "a\u007fb", "a\u00ffb", "a\u0100b", "a\uff21b" })
	void notB64tokens(String token) {
		assertThat(HeaderBearerTokenResolver.isB64Token(token)).isFalse();
	}

}
