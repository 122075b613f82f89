package io.amagasa.authorization.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON memo of the authorization and client stores: it may save work, never change an answer. */
class StoredJsonMemoTests {

	private final StoredJsonMemo memo = StoredJsonMemo.withSecurityModules();

	private final JavaType stringKeyedMap = this.memo.getTypeFactory()
		.constructMapType(Map.class, String.class, Object.class);

	private final OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
		.authorizationUri("https://as.example/oauth2/authorize")
		.clientId("cli")
		.redirectUri("http://127.0.0.1/callback")
		.scopes(Set.of("weather.read"))
		.state("s")
		.additionalParameters(Map.of("resource", "https://mcp.example/mcp"))
		.build();

	@Test
	void theSameTextIsParsedOnceIntoAReadOnlyMap() {
		String json = this.memo.writeValueAsString(attributes(this.request));
		Map<String, Object> first = this.memo.readValue(json, this.stringKeyedMap);
		Map<String, Object> second = this.memo.readValue(new String(json), this.stringKeyedMap);
		assertThat(second).isSameAs(first);
		assertThat(first.get(OAuth2AuthorizationRequest.class.getName())).isInstanceOf(OAuth2AuthorizationRequest.class)
			.extracting("clientId", "state")
			.containsExactly("cli", "s");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> first.put("x", 1));
	}

	@Test
	void otherTextIsParsedAfresh() {
		Map<String, Object> one = this.memo.readValue(this.memo.writeValueAsString(new LinkedHashMap<>(Map.of("a", 1))),
				this.stringKeyedMap);
		Map<String, Object> other = this.memo
			.readValue(this.memo.writeValueAsString(new LinkedHashMap<>(Map.of("a", 2))), this.stringKeyedMap);
		assertThat(one).containsEntry("a", 1);
		assertThat(other).containsEntry("a", 2);
	}

	@Test
	void aFailureIsNeverRemembered() {
		assertThatThrownBy(() -> this.memo.readValue("{\"a\":", this.stringKeyedMap))
			.isInstanceOf(JacksonException.class);
		assertThatThrownBy(() -> this.memo.readValue("{\"a\":", this.stringKeyedMap))
			.isInstanceOf(JacksonException.class);
	}

	@Test
	void otherTypesAreReadAsUsual() {
		JavaType listType = this.memo.getTypeFactory().constructCollectionType(List.class, Object.class);
		String json = this.memo.writeValueAsString(new ArrayList<>(List.of(1, 2)));
		List<Object> list = this.memo.readValue(json, listType);
		List<Object> again = this.memo.readValue(json, listType);
		assertThat(list).containsExactly(1, 2);
		assertThat((Object) again).isNotSameAs(list);
	}

	@Test
	void theSameValueObjectsAreWrittenOnce() {
		Map<String, Object> attributes = attributes(this.request);
		String first = this.memo.writeValueAsString(attributes);
		String again = this.memo.writeValueAsString(new LinkedHashMap<>(attributes));
		assertThat(again).isSameAs(first);
	}

	@Test
	void otherValueObjectsAreWrittenAfresh() {
		Instant issuedAt = Instant.parse("2026-11-30T00:00:00Z");
		String first = this.memo.writeValueAsString(Map.of("metadata.token.claims", Map.of("iat", issuedAt)));
		String equalValues = this.memo.writeValueAsString(
				Map.of("metadata.token.claims", Map.of("iat", Instant.ofEpochSecond(issuedAt.getEpochSecond()))));
		String otherValues = this.memo.writeValueAsString(
				Map.of("metadata.token.claims", Map.of("iat", issuedAt.plusSeconds(300))));
		assertThat(equalValues).isEqualTo(first).isNotSameAs(first);
		assertThat(otherValues).isNotEqualTo(first);
	}

	private static Map<String, Object> attributes(OAuth2AuthorizationRequest request) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put(OAuth2AuthorizationRequest.class.getName(), request);
		attributes.put("state", "s");
		return attributes;
	}

}
