package io.amagasa.authorization.consent;

import java.util.Map;

import io.amagasa.authorization.resource.ScopeToken;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code amagasa.authorization-server.users.consent.*} settings: what the consent and account pages
 * say.
 *
 * @param scopeDescriptions what each scope lets an app do, in words for the person approving it, e.g.
 * {@code weather.read: "Read weather forecasts and alerts"} (in YAML, write a key with dots as
 * {@code "[weather.read]"}). They add to and override the built-in descriptions of {@code openid} and
 * {@code offline_access}. A scope without a description is shown by its name.
 */
@ConfigurationProperties(ConsentProperties.PREFIX)
public record ConsentProperties(@DefaultValue Map<String, String> scopeDescriptions) {

	static final String PREFIX = "amagasa.authorization-server.users.consent";

	public ConsentProperties {
		scopeDescriptions.forEach((scope, description) -> {
			if (!ScopeToken.isValid(scope)) {
				throw new IllegalArgumentException(PREFIX + ".scope-descriptions: '" + scope
						+ "' is not a scope (RFC 6749 §3.3: printable ASCII without spaces, quotes or backslashes)");
			}
			if (description == null || description.isBlank()) {
				throw new IllegalArgumentException(PREFIX + ".scope-descriptions[" + scope + "] is empty");
			}
		});
		scopeDescriptions = Map.copyOf(scopeDescriptions);
	}

}
