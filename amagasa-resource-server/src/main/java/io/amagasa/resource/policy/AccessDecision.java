package io.amagasa.resource.policy;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of {@link McpAccessPolicy}: allowed, or denied with a stable reason code (for audit and
 * metrics) and what the caller would need.
 *
 * @param allowed whether the request may proceed
 * @param reason a stable code: {@code ok}, {@code insufficient_scope}, {@code client_not_allowed},
 * {@code tenant_not_allowed}, {@code role_required}, {@code group_required}
 * @param requiredScopes for {@code insufficient_scope}: every scope the request needs (RS-14, RS-15)
 * @param description a short, safe explanation for the client
 */
public record AccessDecision(boolean allowed, String reason, Set<String> requiredScopes, String description) {

	public static final String OK = "ok";

	public static final String INSUFFICIENT_SCOPE = "insufficient_scope";

	public static final String CLIENT_NOT_ALLOWED = "client_not_allowed";

	public static final String TENANT_NOT_ALLOWED = "tenant_not_allowed";

	public static final String ROLE_REQUIRED = "role_required";

	public static final String GROUP_REQUIRED = "group_required";

	static final AccessDecision ALLOW = new AccessDecision(true, OK, Set.of(), null);

	static AccessDecision deny(String reason, String description) {
		return new AccessDecision(false, reason, Set.of(), description);
	}

	static AccessDecision insufficientScope(Set<String> required, String description) {
		// Sorted and kept in order: the same call always yields the same challenge.
		return new AccessDecision(false, INSUFFICIENT_SCOPE, Collections.unmodifiableSortedSet(new TreeSet<>(required)),
				description);
	}

	public boolean isInsufficientScope() {
		return INSUFFICIENT_SCOPE.equals(this.reason);
	}

}
