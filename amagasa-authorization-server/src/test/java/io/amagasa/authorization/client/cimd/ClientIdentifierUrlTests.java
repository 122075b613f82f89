package io.amagasa.authorization.client.cimd;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The Client Identifier URL rules (CIMD §3, AS-18). */
class ClientIdentifierUrlTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://client.example.com/oauth/client.json", "https://client.example.com:8443/c",
			"https://client.example.com/", "https://[2001:db8::1]/client", "https://client.example.com/a%20b" })
	@DisplayName("AS-18: https, a host, a path, a port allowed")
	void accepted(String clientId) {
		assertThat(ClientIdentifierUrl.parse(clientId, false).value()).isEqualTo(clientId);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http://client.example.com/c                  | the client_id URL must use https
			HTTPS://client.example.com/c                 | the client_id URL must use https
			ftp://client.example.com/c                   | the client_id URL must use https
			https://client.example.com                   | the client_id URL must contain a path
			https://user:pw@client.example.com/c         | the client_id URL must not contain user information
			https://user@client.example.com/c            | the client_id URL must not contain user information
			https://client.example.com/a/./c             | the client_id URL must not contain . or .. path segments
			https://client.example.com/a/../c            | the client_id URL must not contain . or .. path segments
			https://client.example.com/a/%2e%2E/c        | the client_id URL must not contain . or .. path segments
			https://client.example.com/a/%2E             | the client_id URL must not contain . or .. path segments
			https://client.example.com/c#                | the client_id URL must not contain a fragment
			https://client.example.com/c#top             | the client_id URL must not contain a fragment
			https://client.example.com/c?v=1             | the client_id URL must not contain a query
			https://client.example.com/c?                | the client_id URL must not contain a query
			https:///c                                   | the client_id URL must name a host
			https://client.example.com/c c               | the client_id URL must consist of printable ASCII characters (non-ASCII must be percent-encoded)
			https://bücher.example/c                     | the client_id URL must consist of printable ASCII characters (non-ASCII must be percent-encoded)
			https://client.example.com/[                 | the client_id is not a valid URL
			""")
	@DisplayName("AS-18: refused with a reason naming the rule; a query is refused too (SHOULD NOT, decided: refuse)")
	void refused(String clientId, String reason) {
		assertThatExceptionOfType(ClientMetadataDocumentException.class)
			.isThrownBy(() -> ClientIdentifierUrl.parse(clientId, false))
			.withMessage(reason);
	}

	@Test
	@DisplayName("AS-18: an id longer than 2048 characters is refused")
	void tooLong() {
		String clientId = "https://client.example.com/" + "a".repeat(2048);
		assertThatExceptionOfType(ClientMetadataDocumentException.class)
			.isThrownBy(() -> ClientIdentifierUrl.parse(clientId, false))
			.withMessage("the client_id URL is longer than 2048 characters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:8080/client", "http://localhost/client", "http://[::1]:9/c" })
	@DisplayName("allow-loopback: plain http is accepted on a loopback host only")
	void loopbackHttpWithTheSwitch(String clientId) {
		assertThat(ClientIdentifierUrl.parse(clientId, true).value()).isEqualTo(clientId);
		assertThatExceptionOfType(ClientMetadataDocumentException.class)
			.isThrownBy(() -> ClientIdentifierUrl.parse(clientId, false))
			.withMessage("the client_id URL must use https");
	}

	@Test
	@DisplayName("allow-loopback does not allow plain http elsewhere")
	void remoteHttpStaysRefused() {
		assertThatExceptionOfType(ClientMetadataDocumentException.class)
			.isThrownBy(() -> ClientIdentifierUrl.parse("http://client.example.com/c", true))
			.withMessage("the client_id URL must use https");
	}

	@Test
	@DisplayName("URL-form ids are recognised in any letter case; other ids are not")
	void urlForm() {
		assertThat(ClientIdentifierUrl.isUrlForm("https://client.example.com/c")).isTrue();
		assertThat(ClientIdentifierUrl.isUrlForm("HTTP://client.example.com/c")).isTrue();
		assertThat(ClientIdentifierUrl.isUrlForm("dcr_abc")).isFalse();
		assertThat(ClientIdentifierUrl.isUrlForm("https:")).isFalse();
		assertThat(ClientIdentifierUrl.isUrlForm(null)).isFalse();
	}

	@Test
	@DisplayName("The RegisteredClient id is derived from the exact string: stable, distinct per string, short enough for varchar(100)")
	void registeredClientId() {
		String id = ClientIdentifierUrl.parse("https://client.example.com/c", false).registeredClientId();
		assertThat(id).isEqualTo(ClientIdentifierUrl.parse("https://client.example.com/c", false).registeredClientId())
			.startsWith("cimd_")
			.hasSize(48)
			.matches("cimd_[A-Za-z0-9_-]{43}");
		assertThat(ClientIdentifierUrl.parse("https://client.example.com:443/c", false).registeredClientId())
			.isNotEqualTo(id);
	}

	@Test
	@DisplayName("CIMD §6.4: the host to display")
	void host() {
		assertThat(ClientIdentifierUrl.parse("https://client.example.com:8443/c", false).host())
			.isEqualTo("client.example.com");
	}

}
