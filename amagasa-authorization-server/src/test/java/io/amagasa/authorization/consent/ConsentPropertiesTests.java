package io.amagasa.authorization.consent;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConsentPropertiesTests {

	@Test
	void configuredDescriptionsAddToAndOverrideTheBuiltInOnesAndUnknownScopesStayRaw() {
		ScopeDescriptions descriptions = new ScopeDescriptions(
				new ConsentProperties(Map.of("weather.read", "Read forecasts", "openid", "Know who you are")).scopeDescriptions());
		assertThat(descriptions.describe(List.of("weather.read", "openid", "offline_access", "x.unknown"), Set.of("openid")))
			.containsExactly(new ScopeDescriptions.Scope("offline_access",
					"Keep access when you are not using the app, until you remove it here", false),
					new ScopeDescriptions.Scope("openid", "Know who you are", true),
					new ScopeDescriptions.Scope("weather.read", "Read forecasts", false),
					new ScopeDescriptions.Scope("x.unknown", null, false));
	}

	@Test
	void refusesAKeyThatIsNotAScopeAndAnEmptyDescription() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ConsentProperties(Map.of("two words", "x")))
			.withMessageStartingWith("amagasa.authorization-server.users.consent.scope-descriptions: 'two words' is not a scope");
		assertThatIllegalArgumentException().isThrownBy(() -> new ConsentProperties(Map.of("weather.read", " ")))
			.withMessage("amagasa.authorization-server.users.consent.scope-descriptions[weather.read] is empty");
	}

}
