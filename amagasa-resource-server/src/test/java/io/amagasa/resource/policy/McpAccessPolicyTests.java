package io.amagasa.resource.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.amagasa.resource.jsonrpc.JsonRpcEnvelope;
import io.amagasa.resource.jsonrpc.JsonRpcEnvelope.Message;
import io.amagasa.resource.token.Caller;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy's decisions on their own: scopes per tool (RS-13..RS-15), the scope hierarchy (RS-17), allow-lists. */
class McpAccessPolicyTests {

	private static final Map<String, Set<String>> TOOL_SCOPES = Map.of("get_alerts", Set.of("weather:alerts"),
			"get_forecast", Set.of("weather:forecast"), "admin_tool", Set.of("weather:admin", "audit:write"));

	private static final ScopeHierarchy HIERARCHY = new ScopeHierarchy(
			Map.of("weather:read", Set.of("weather:alerts", "weather:forecast"), "weather:all", Set.of("weather:read"),
					// a cycle must neither loop nor grant anything outside it
					"cycle:a", Set.of("cycle:b"), "cycle:b", Set.of("cycle:a")));

	private static McpAccessPolicy policy(Set<String> allowedClients, Set<String> allowedTenants, Set<String> roles,
			Set<String> groups) {
		return new McpAccessPolicy(new McpAccessPolicy.Settings(Set.of("mcp:use"), TOOL_SCOPES, Set.of("weather:other"),
				HIERARCHY, allowedClients, allowedTenants, roles, groups, true));
	}

	private static final McpAccessPolicy OPEN = policy(Set.of(), Set.of(), Set.of(), Set.of());

	private static Caller caller(String client, String tenant, Set<String> scopes, Set<String> roles,
			Map<String, Object> claims) {
		return new Caller("https://issuer.example", "alice", client, scopes, roles, tenant,
				Instant.parse("2030-01-01T00:00:00Z"), claims);
	}

	private static Caller caller(String... scopes) {
		return caller("app", null, Set.of(scopes), Set.of(), Map.of());
	}

	private static JsonRpcEnvelope call(String... tools) {
		return new JsonRpcEnvelope(List.of(tools).stream().map(tool -> new Message("tools/call", "1", tool)).toList());
	}

	@Test
	void aToolCallNeedsTheRequiredScopesAndTheToolsOwn() {
		assertThat(OPEN.decide(caller("mcp:use", "weather:forecast"), call("get_forecast")).allowed()).isTrue();
		assertThat(OPEN.decide(caller("mcp:use"), JsonRpcEnvelope.EMPTY).allowed()).isTrue();

		AccessDecision missingTool = OPEN.decide(caller("mcp:use", "weather:alerts"), call("get_forecast"));
		assertThat(missingTool.isInsufficientScope()).isTrue();
		// RS-14: every scope the call needs, not only the missing one
		assertThat(missingTool.requiredScopes()).containsExactly("mcp:use", "weather:forecast");
		assertThat(missingTool.description()).isEqualTo("calling get_forecast requires the scope(s) mcp:use weather:forecast");

		AccessDecision missingRequired = OPEN.decide(caller("weather:forecast"), call("get_forecast"));
		assertThat(missingRequired.requiredScopes()).containsExactly("mcp:use", "weather:forecast");
		assertThat(OPEN.decide(caller("weather:forecast"), JsonRpcEnvelope.EMPTY).description())
			.isEqualTo("this request requires the scope(s) mcp:use");
	}

	@Test
	void aBatchNeedsTheScopesOfEveryToolItCallsInOneSortedChallenge() {
		AccessDecision decision = OPEN.decide(caller("mcp:use", "weather:forecast"),
				call("get_forecast", "admin_tool", "get_alerts"));
		assertThat(decision.requiredScopes()).containsExactly("audit:write", "mcp:use", "weather:admin",
				"weather:alerts", "weather:forecast");
		assertThat(OPEN.decide(caller("mcp:use", "weather:read", "weather:admin", "audit:write"),
				call("get_forecast", "admin_tool", "get_alerts")).allowed()).isTrue();
	}

	@Test
	void aToolWithoutAnEntryNeedsTheDefaultToolScopes() {
		assertThat(OPEN.decide(caller("mcp:use"), call("unknown")).requiredScopes())
			.containsExactly("mcp:use", "weather:other");
		assertThat(OPEN.decide(caller("mcp:use", "weather:other"), call("unknown")).allowed()).isTrue();
	}

	@Test
	void broaderScopesImplyNarrowerOnesTransitively() {
		assertThat(OPEN.decide(caller("mcp:use", "weather:read"), call("get_alerts", "get_forecast")).allowed()).isTrue();
		assertThat(OPEN.decide(caller("mcp:use", "weather:all"), call("get_forecast")).allowed()).isTrue();
		// implication goes one way only
		assertThat(OPEN.decide(caller("mcp:use", "weather:forecast"), call("get_alerts")).allowed()).isFalse();
		assertThat(HIERARCHY.holdsAll(Set.of("cycle:a"), Set.of("cycle:a", "cycle:b"))).isTrue();
		assertThat(HIERARCHY.holdsAll(Set.of("cycle:b"), Set.of("cycle:a"))).isTrue();
		assertThat(HIERARCHY.holdsAll(Set.of("cycle:a"), Set.of("weather:read"))).isFalse();
	}

	@Test
	void aGrantHoldsWhatItNamesAndWhatItImplies() {
		assertThat(HIERARCHY.holdsAll(Set.of("weather:all"),
				Set.of("weather:read", "weather:alerts", "weather:forecast"))).isTrue();
		assertThat(HIERARCHY.holdsAll(Set.of("weather:read", "x"), Set.of("x", "weather:forecast"))).isTrue();
		assertThat(HIERARCHY.holdsAll(Set.of("weather:read"), Set.of("weather:all"))).isFalse();
		assertThat(HIERARCHY.holdsAll(Set.of("weather:forecast"), Set.of("weather:forecast", "mcp:use"))).isFalse();
		assertThat(HIERARCHY.holdsAll(Set.of(), Set.of())).isTrue();
		assertThat(ScopeHierarchy.NONE.holdsAll(Set.of("weather:read"), Set.of("weather:forecast"))).isFalse();
	}

	@Test
	void toolsListShowsOnlyWhatTheCallerMayCall() {
		Caller forecaster = caller("mcp:use", "weather:forecast");
		assertThat(OPEN.mayCall(forecaster, "get_forecast")).isTrue();
		assertThat(OPEN.mayCall(forecaster, "get_alerts")).isFalse();
		assertThat(OPEN.mayCall(caller("weather:forecast"), "get_forecast")).isFalse();
		assertThat(OPEN.mayCall(caller("mcp:use", "weather:read"), "get_alerts")).isTrue();
	}

	@Test
	void allowListsDenyWithTheirOwnReasonBeforeScopesAreLookedAt() {
		McpAccessPolicy policy = policy(Set.of("vscode"), Set.of("tenant-1"), Set.of(), Set.of());
		Set<String> scopes = Set.of("mcp:use", "weather:forecast");
		assertThat(policy.decide(caller("vscode", "tenant-1", scopes, Set.of(), Map.of()), call("get_forecast"))
			.allowed()).isTrue();

		AccessDecision client = policy.decide(caller("other", "tenant-1", Set.of(), Set.of(), Map.of()),
				call("get_forecast"));
		assertThat(client.reason()).isEqualTo(AccessDecision.CLIENT_NOT_ALLOWED);
		assertThat(client.description()).isEqualTo("client 'other' is not allowed to use this MCP server");

		AccessDecision tenant = policy.decide(caller("vscode", null, scopes, Set.of(), Map.of()), call("get_forecast"));
		assertThat(tenant.reason()).isEqualTo(AccessDecision.TENANT_NOT_ALLOWED);
		assertThat(tenant.description()).isEqualTo("tenant (none) is not allowed to use this MCP server");
	}

	@Test
	void rolesAndGroupsNeedOneOfThoseRequired() {
		McpAccessPolicy policy = policy(Set.of(), Set.of(), Set.of("Weather.Reader", "Weather.Admin"), Set.of("g-1"));
		Set<String> scopes = Set.of("mcp:use", "weather:forecast");
		assertThat(policy.decide(caller("app", null, scopes, Set.of("Weather.Admin"), Map.of("groups", List.of("g-0", "g-1"))),
				call("get_forecast")).allowed()).isTrue();

		AccessDecision role = policy.decide(caller("app", null, scopes, Set.of("Other"), Map.of("groups", List.of("g-1"))),
				call("get_forecast"));
		assertThat(role.reason()).isEqualTo(AccessDecision.ROLE_REQUIRED);
		assertThat(role.description()).isEqualTo("one of the roles Weather.Admin, Weather.Reader is required");

		AccessDecision group = policy.decide(caller("app", null, scopes, Set.of("Weather.Reader"), Map.of("groups", "g-1")),
				call("get_forecast"));
		assertThat(group.reason()).isEqualTo(AccessDecision.GROUP_REQUIRED);
	}

}
