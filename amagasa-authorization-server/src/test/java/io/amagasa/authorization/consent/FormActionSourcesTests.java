package io.amagasa.authorization.consent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormActionSourcesTests {

	@Test
	void anHttpsRedirectAllowsItsOrigin() {
		assertThat(FormActionSources.of("https://App.Example.com/callback?x=1", false)).hasValue("https://app.example.com");
		assertThat(FormActionSources.of("https://app.example.com:8443/cb", true)).hasValue("https://app.example.com:8443");
	}

	@Test
	void aLoopbackRedirectAllowsItsPortOrAnyPortForARegisteredUri() {
		assertThat(FormActionSources.of("http://127.0.0.1:54321/callback", false)).hasValue("http://127.0.0.1:54321");
		assertThat(FormActionSources.of("http://127.0.0.1/callback", true)).hasValue("http://127.0.0.1:*");
		assertThat(FormActionSources.of("http://localhost:8080/callback", true)).hasValue("http://localhost:*");
		assertThat(FormActionSources.of("http://[::1]:8080/callback", false)).as("CSP cannot name IPv6 hosts").hasValue("http:");
	}

	@Test
	void aPrivateUseSchemeAllowsTheScheme() {
		assertThat(FormActionSources.of("com.example.app:/oauth2redirect", false)).hasValue("com.example.app:");
	}

	@Test
	void nothingThatCouldAddADirective() {
		assertThat(FormActionSources.of("https://evil.example;script-src/cb", false)).isEmpty();
		assertThat(FormActionSources.of("https://a b/cb", false)).isEmpty();
		assertThat(FormActionSources.of("https://[2001:db8::1]/cb", false)).isEmpty();
		assertThat(FormActionSources.of("/relative", false)).isEmpty();
		assertThat(FormActionSources.of(null, false)).isEmpty();
	}

}
