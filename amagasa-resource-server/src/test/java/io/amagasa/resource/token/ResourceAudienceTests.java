package io.amagasa.resource.token;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** RS-20 / RS-22: the audience comparison. */
class ResourceAudienceTests {

	@ParameterizedTest(name = "RS-22: normalize({0}) = {1}")
	@CsvSource({ "HTTPS://MCP.Example.COM/Path, https://mcp.example.com/Path",
			"https://User@MCP.example.com:8443/a?B#C, https://User@mcp.example.com:8443/a?B#C",
			"API://6E74172B-BE56-4843-9FF4-E66A39BB12E3, api://6e74172b-be56-4843-9ff4-e66a39bb12e3",
			"6E74172B-be56, 6E74172B-be56", "urn:Example:Resource, urn:Example:Resource",
			"HTTP://[::1]:8080, http://[::1]:8080", "://Host, ://Host", "1http://HOST, 1http://HOST" })
	void normalize(String value, String normalized) {
		assertThat(ResourceAudience.normalize(value)).isEqualTo(normalized);
	}

	@Test
	@DisplayName("RS-20: one matching entry is enough; none, or no aud at all, is refused")
	void verify() {
		ResourceAudience audience = new ResourceAudience(List.of("https://mcp.example.com/mcp", "api://guid"));
		audience.verify(List.of("https://other.example.com", "HTTPS://MCP.EXAMPLE.COM/mcp"));
		audience.verify(List.of("API://guid"));
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> audience.verify(List.of("https://mcp.example.com/mcp/")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidTokenException.AUDIENCE_MISMATCH));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> audience.verify(List.of()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidTokenException.MISSING_AUDIENCE));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> audience.verify(null))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidTokenException.MISSING_AUDIENCE));
	}

}
