package io.amagasa.authorization.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The protected resources this authorization server issues tokens for, from configuration. The first is
 * the default resource: an authorization request that names none is for it (AS-10).
 */
public final class ProtectedResources {

	private final List<ProtectedResource> resources;

	private final Map<String, ProtectedResource> byIndicator = new LinkedHashMap<>();

	/**
	 * @param resources at least one resource
	 * @param setting the setting they come from, named in error messages
	 */
	public ProtectedResources(List<ProtectedResource> resources, String setting) {
		if (resources.isEmpty()) {
			throw new IllegalArgumentException(setting + " is empty: configure at least one protected resource "
					+ "(uri, name, scopes) the authorization server issues tokens for");
		}
		this.resources = List.copyOf(resources);
		for (int i = 0; i < resources.size(); i++) {
			ProtectedResource resource = resources.get(i);
			String indicator = ResourceIndicator.normalize(resource.identifier()).orElseThrow();
			if (this.byIndicator.putIfAbsent(indicator, resource) != null) {
				throw new IllegalArgumentException(setting + "[" + i + "].uri: '" + resource.uri()
						+ "' names the same resource as an earlier entry");
			}
		}
	}

	public ProtectedResource defaultResource() {
		return this.resources.get(0);
	}

	/** The resource a {@code resource} parameter names (RFC 8707 §2), case-insensitive in scheme and host. */
	public Optional<ProtectedResource> find(String indicator) {
		return ResourceIndicator.normalize(indicator).map(this.byIndicator::get);
	}

	/** Every scope of every resource, in configuration order. */
	public Set<String> scopes() {
		Set<String> scopes = new LinkedHashSet<>();
		this.resources.forEach(resource -> scopes.addAll(resource.scopes()));
		return Collections.unmodifiableSet(scopes);
	}

}
