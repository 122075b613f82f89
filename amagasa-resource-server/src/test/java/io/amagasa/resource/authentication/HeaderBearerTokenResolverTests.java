package io.amagasa.resource.authentication;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6750 §2.1 b64token, the only token syntax a bearer header may carry (RS-24). */
class HeaderBearerTokenResolverTests {

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
