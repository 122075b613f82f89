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

	private final Map<String, Set<String>> implied;

	/** @param narrower for each broader scope, the scopes it directly implies */
	public ScopeHierarchy(Map<String, Set<String>> narrower) {
		Map<String, Set<String>> closure = new HashMap<>();
		for (String broad : narrower.keySet()) {
			closure.put(broad, Set.copyOf(reachable(broad, narrower)));
		}
		this.implied = Map.copyOf(closure);
	}

	/**
	 * The scopes a token effectively holds: those granted and all they imply; {@code granted} itself when
	 * none of them implies anything (no copy on every request for the common flat policy).
	 */
	public Set<String> effective(Set<String> granted) {
		Set<String> effective = null;
		for (String scope : granted) {
			Set<String> narrower = this.implied.get(scope);
			if (narrower != null) {
				if (effective == null) {
					effective = new HashSet<>(granted);
				}
				effective.addAll(narrower);
			}
		}
		return (effective != null) ? effective : granted;
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
