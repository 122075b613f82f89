package io.amagasa.resource.policy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Broader scopes imply narrower ones (RS-17): with {@code weather:read -> [weather:alerts,
 * weather:forecast]} a token holding {@code weather:read} satisfies a tool that needs
 * {@code weather:forecast}. Implication is transitive; cycles are harmless.
 */
public final class ScopeHierarchy {

	public static final ScopeHierarchy NONE = new ScopeHierarchy(Map.of());

	/** For each scope, every broader scope that implies it (the transitive closure, inverted). */
	private final Map<String, Set<String>> impliedBy;

	/** @param narrower for each broader scope, the scopes it directly implies */
	public ScopeHierarchy(Map<String, Set<String>> narrower) {
		Map<String, Set<String>> impliedBy = new HashMap<>();
		for (String broad : narrower.keySet()) {
			for (String implied : reachable(broad, narrower)) {
				impliedBy.computeIfAbsent(implied, scope -> new HashSet<>()).add(broad);
			}
		}
		impliedBy.replaceAll((scope, broader) -> Set.copyOf(broader));
		this.impliedBy = Map.copyOf(impliedBy);
	}

	/**
	 * Whether a token granted {@code granted} holds every scope in {@code needed}, itself or through a
	 * broader scope. Asked on every request, so it asks of each needed scope rather than building the set of
	 * all scopes the token effectively holds.
	 */
	public boolean holdsAll(Set<String> granted, Set<String> needed) {
		for (String scope : needed) {
			if (!holds(granted, scope)) {
				return false;
			}
		}
		return true;
	}

	private boolean holds(Set<String> granted, String scope) {
		if (granted.contains(scope)) {
			return true;
		}
		for (String broader : this.impliedBy.getOrDefault(scope, Set.of())) {
			if (granted.contains(broader)) {
				return true;
			}
		}
		return false;
	}

	private static Set<String> reachable(String start, Map<String, Set<String>> narrower) {
		Set<String> seen = new HashSet<>();
		Deque<String> pending = new ArrayDeque<>(narrower.getOrDefault(start, Set.of()));
		while (!pending.isEmpty()) {
			String scope = pending.pop();
			if (seen.add(scope)) {
				pending.addAll(narrower.getOrDefault(scope, Set.of()));
			}
		}
		return seen;
	}

}
