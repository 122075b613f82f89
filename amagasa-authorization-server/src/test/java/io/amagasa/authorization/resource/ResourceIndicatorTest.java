package io.amagasa.authorization.resource;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceIndicatorTest {

	@ParameterizedTest
	@CsvSource({ "https://mcp.example.com/mcp, https://mcp.example.com/mcp",
			"HTTPS://MCP.Example.COM/mcp, https://mcp.example.com/mcp",
			"https://mcp.example.com:443/mcp, https://mcp.example.com/mcp",
			"http://localhost:80/mcp, http://localhost/mcp", "http://localhost:8080/MCP, http://localhost:8080/MCP",
			"https://mcp.example.com, https://mcp.example.com", "https://mcp.example.com/mcp?tenant=a, https://mcp.example.com/mcp?tenant=a" })
	void schemeAndHostCaseAndDefaultPortDoNotMatter(String indicator, String normalized) {
		assertThat(ResourceIndicator.normalize(indicator)).contains(normalized);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://mcp.example.com/mcp#frag", "urn:example:mcp", "/mcp", "ftp://mcp.example.com/mcp",
			"https://user@mcp.example.com/mcp", "not a uri", "" })
	void invalidIndicators(String indicator) {
		assertThat(ResourceIndicator.normalize(indicator)).isEqualTo(Optional.empty());
	}

}
