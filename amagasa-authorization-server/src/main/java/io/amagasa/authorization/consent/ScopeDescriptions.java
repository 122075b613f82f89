package io.amagasa.authorization.consent;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scopes in words for the consent and account pages. A scope without a description is shown by its
 * name alone, so that nothing requested is ever hidden from the person approving it.
 */
final class ScopeDescriptions {

	private static final Map<String, String> BUILT_IN = Map.of("openid", "Know your username on this server",
			"offline_access", "Keep access when you are not using the app, until you remove it here");

	private final Map<String, String> descriptions = new HashMap<>(BUILT_IN);

	ScopeDescriptions(Map<String, String> configured) {
		this.descriptions.putAll(configured);
	}

	/**
	 * @param scopes the scopes to show, in name order
	 * @param granted the scopes already approved, marked as such
	 */
	List<Scope> describe(Collection<String> scopes, Set<String> granted) {
		return scopes.stream()
			.sorted()
			.map(scope -> new Scope(scope, this.descriptions.get(scope), granted.contains(scope)))
			.toList();
	}

	/**
	 * @param name the scope as the app requested it
	 * @param description what it allows, or {@code null} when not configured
	 * @param alreadyGranted whether the person approved it for this app before
	 */
	record Scope(String name, String description, boolean alreadyGranted) {

	}

}
