package io.amagasa.resource.policy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.amagasa.resource.jsonrpc.JsonRpcEnvelope;
import io.amagasa.resource.token.Caller;

/**
 * Decides, for one verified caller and one MCP request, whether the request may proceed: configured,
 * not coded. The checks, in order:
 * <ol>
 * <li>allow-lists: tenant ({@code tid}), client ({@code client_id}/{@code azp}/{@code appid}), and at
 * least one of the required roles and groups, when configured — each denial a 403 with its own reason;</li>
 * <li>scopes: every request needs the {@code requiredScopes}; a {@code tools/call} also needs the tool's
 * scopes (or {@code defaultToolScopes} for a tool with no entry), taking the scope hierarchy into account
 * (RS-17). A shortfall is {@code insufficient_scope} naming every scope the call needs (RS-14, RS-15).</li>
 * </ol>
 */
public final class McpAccessPolicy {

	private final Settings settings;

	public McpAccessPolicy(Settings settings) {
		this.settings = settings;
	}

	/**
	 * @param requiredScopes scopes every MCP request needs
	 * @param toolScopes the scopes each tool needs on top of {@code requiredScopes}
	 * @param defaultToolScopes what a tool without an entry in {@code toolScopes} needs
	 * @param hierarchy broader scopes and the narrower ones they imply
	 * @param allowedClients client ids allowed to call; empty allows any
	 * @param allowedTenants tenant ids ({@code tid}) allowed to call; empty allows any
	 * @param requiredRoles the caller needs at least one of these roles; empty requires none
	 * @param requiredGroups the caller needs at least one of these groups ({@code groups} claim); empty
	 * requires none
	 * @param hideUnauthorizedTools whether {@code tools/list} shows only the tools the caller may call
	 */
	public record Settings(Set<String> requiredScopes, Map<String, Set<String>> toolScopes,
			Set<String> defaultToolScopes, ScopeHierarchy hierarchy, Set<String> allowedClients,
			Set<String> allowedTenants, Set<String> requiredRoles, Set<String> requiredGroups,
			boolean hideUnauthorizedTools) {

		public Settings {
			requiredScopes = Set.copyOf(requiredScopes);
			toolScopes = Map.copyOf(toolScopes);
			defaultToolScopes = Set.copyOf(defaultToolScopes);
			allowedClients = Set.copyOf(allowedClients);
			allowedTenants = Set.copyOf(allowedTenants);
			requiredRoles = Set.copyOf(requiredRoles);
			requiredGroups = Set.copyOf(requiredGroups);
		}

	}

	public Settings settings() {
		return this.settings;
	}

	public AccessDecision decide(Caller caller, JsonRpcEnvelope envelope) {
		AccessDecision allowLists = checkAllowLists(caller);
		if (!allowLists.allowed()) {
			return allowLists;
		}
		List<String> tools = envelope.calledTools();
		if (holdsAll(caller.scopes(), tools)) {
			return AccessDecision.ALLOW;
		}
		// Sorted, so that the same call always yields the same challenge.
		Set<String> needed = new TreeSet<>(this.settings.requiredScopes());
		for (String tool : tools) {
			needed.addAll(toolScopes(tool));
		}
		String what = tools.isEmpty() ? "this request" : "calling " + String.join(", ", tools);
		return AccessDecision.insufficientScope(needed, what + " requires the scope(s) " + String.join(" ", needed));
	}

	private boolean holdsAll(Set<String> granted, List<String> tools) {
		ScopeHierarchy hierarchy = this.settings.hierarchy();
		if (!hierarchy.holdsAll(granted, this.settings.requiredScopes())) {
			return false;
		}
		for (String tool : tools) {
			if (!hierarchy.holdsAll(granted, toolScopes(tool))) {
				return false;
			}
		}
		return true;
	}

	/** Whether {@code tools/list} should show {@code tool} to this caller (allow-lists already passed). */
	public boolean mayCall(Caller caller, String tool) {
		return holdsAll(caller.scopes(), List.of(tool));
	}

	private Set<String> toolScopes(String tool) {
		return this.settings.toolScopes().getOrDefault(tool, this.settings.defaultToolScopes());
	}

	private AccessDecision checkAllowLists(Caller caller) {
		if (!this.settings.allowedTenants().isEmpty() && !isListed(caller.tenantId(), this.settings.allowedTenants())) {
			return AccessDecision.deny(AccessDecision.TENANT_NOT_ALLOWED,
					"tenant " + describe(caller.tenantId()) + " is not allowed to use this MCP server");
		}
		if (!this.settings.allowedClients().isEmpty() && !isListed(caller.clientId(), this.settings.allowedClients())) {
			return AccessDecision.deny(AccessDecision.CLIENT_NOT_ALLOWED,
					"client " + describe(caller.clientId()) + " is not allowed to use this MCP server");
		}
		if (!this.settings.requiredRoles().isEmpty() && !holdsAny(caller.roles(), this.settings.requiredRoles())) {
			return AccessDecision.deny(AccessDecision.ROLE_REQUIRED,
					"one of the roles " + String.join(", ", sorted(this.settings.requiredRoles())) + " is required");
		}
		if (!this.settings.requiredGroups().isEmpty() && !holdsAny(groups(caller), this.settings.requiredGroups())) {
			return AccessDecision.deny(AccessDecision.GROUP_REQUIRED,
					"membership of one of the groups " + String.join(", ", sorted(this.settings.requiredGroups()))
							+ " is required");
		}
		return AccessDecision.ALLOW;
	}

	/** A token without the claim is not on the list; immutable sets refuse {@code contains(null)}. */
	private static boolean isListed(String value, Set<String> allowed) {
		return value != null && allowed.contains(value);
	}

	private static Collection<String> groups(Caller caller) {
		Object groups = caller.claims().get("groups");
		if (groups instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	private static boolean holdsAny(Collection<String> held, Set<String> wanted) {
		return held.stream().anyMatch(wanted::contains);
	}

	private static String describe(String value) {
		return value == null ? "(none)" : "'" + value + "'";
	}

	private static List<String> sorted(Set<String> scopes) {
		return scopes.stream().sorted().toList();
	}

}
