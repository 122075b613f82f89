package io.amagasa.authorization.client;

import java.net.URI;
import java.util.List;
import java.util.Set;

import io.amagasa.authorization.resource.ProtectedResource;
import io.amagasa.authorization.resource.ProtectedResources;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The scopes metadata-document and dynamically registered clients may have. */
class SelfRegisteredClientScopesTests {

	final ProtectedResources resources = new ProtectedResources(
			List.of(new ProtectedResource(URI.create("https://mcp.example.com/mcp"), "MCP", Set.of("weather.read")),
					new ProtectedResource(URI.create("https://other.example.com/mcp"), "Other", Set.of("other.read"))),
			"test");

	@Test
	@DisplayName("Unset: every scope of every resource plus openid and offline_access, as for configured clients")
	void defaultScopes() {
		assertThat(SelfRegisteredClientScopes.of(null, this.resources)).containsExactlyInAnyOrder("weather.read",
				"other.read", "openid", "offline_access");
	}

	@Test
	@DisplayName("Set: exactly the configured list, which may be empty")
	void configuredScopes() {
		assertThat(SelfRegisteredClientScopes.of(List.of("weather.read"), this.resources)).containsExactly("weather.read");
		assertThat(SelfRegisteredClientScopes.of(List.of(), this.resources)).isEmpty();
	}

}
