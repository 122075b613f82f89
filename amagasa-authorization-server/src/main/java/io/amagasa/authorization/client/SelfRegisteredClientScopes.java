package io.amagasa.authorization.client;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.amagasa.authorization.AuthorizationServerProperties;
import io.amagasa.authorization.resource.ProtectedResources;

/**
 * The scopes a client that introduced itself (by a metadata document or by registering) may have: the
 * configured {@code allowed-scopes}, or when unset the same default as a client registered from
 * configuration, every scope of every protected resource plus {@code openid} and {@code offline_access}.
 * A client's own {@code scope} is narrowed to these; a client that names none gets all of them, and the
 * user still approves each request on the consent page.
 */
public final class SelfRegisteredClientScopes {

	private SelfRegisteredClientScopes() {
	}

	/**
	 * @param configured the {@code allowed-scopes} setting, {@code null} when unset
	 * @param resources the protected resources tokens are issued for
	 */
	public static Set<String> of(List<String> configured, ProtectedResources resources) {
		if (configured != null) {
			return Collections.unmodifiableSet(new LinkedHashSet<>(configured));
		}
		Set<String> scopes = new LinkedHashSet<>(resources.scopes());
		scopes.addAll(AuthorizationServerProperties.SERVER_SCOPES);
		return Collections.unmodifiableSet(scopes);
	}

}
