package io.amagasa.authorization.store;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.jackson.SecurityJacksonModules;

/**
 * The JSON mapper of Spring Authorization Server's JDBC stores (authorization rows, registered-client
 * rows), with Spring Security's Jackson modules as their default one, that parses each distinct JSON
 * column text once and writes each distinct map of the same value objects once.
 * <p>
 * Written by hand because no setting does this: the modules' polymorphic deserializers are not cacheable
 * in Jackson, so every read of a row rebuilt them by introspection, and one refresh grant reads and
 * rewrites its authorization row several times (the grant, Spring's provider, the existence check of
 * {@code save}, the update). That JSON work was over a third of the token endpoint's CPU time.
 * <ul>
 * <li>Reads are keyed by the exact column text, so a read can never answer with anything but what that
 * text parses to: a row changed by another instance has other text and is parsed afresh; nothing about
 * freshness is cached.</li>
 * <li>Writes are keyed by the map's keys and the identity of its values: the same value objects write
 * the same text. An authorization rewritten after a rotation carries its attributes over as the same
 * objects ({@code OAuth2Authorization.from}); new tokens are new objects and are written afresh.</li>
 * </ul>
 * Both rest on what Spring Authorization Server already relies on: the values in an authorization's
 * attributes and token metadata are never changed in place (a changed authorization is derived with
 * {@code OAuth2Authorization.from}), and the row mappers only copy from a parsed map, which is handed
 * out read-only.
 */
public final class StoredJsonMemo extends JsonMapper {

	/** Bounded by the text held: authorization rows carry a few KiB of JSON; 8 Mi characters each way. */
	private static final long MAX_CHARACTERS = 8L * 1024 * 1024;

	private final transient Cache<String, Map<?, ?>> parsed = Caffeine.newBuilder()
		.maximumWeight(MAX_CHARACTERS)
		.<String, Map<?, ?>>weigher((text, map) -> text.length())
		.build();

	private final transient Cache<SameValues, String> written = Caffeine.newBuilder()
		.maximumWeight(MAX_CHARACTERS)
		.<SameValues, String>weigher((map, text) -> text.length())
		.build();

	private StoredJsonMemo(JsonMapper.Builder builder) {
		super(builder);
	}

	/** With the modules Spring Authorization Server's JDBC stores use by default. */
	public static StoredJsonMemo withSecurityModules() {
		ClassLoader classLoader = StoredJsonMemo.class.getClassLoader();
		return new StoredJsonMemo(JsonMapper.builder().addModules(SecurityJacksonModules.getModules(classLoader)));
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T readValue(String content, JavaType valueType) {
		if (!isStringKeyedMap(valueType)) {
			return super.readValue(content, valueType);
		}
		// a failure to parse propagates and is not remembered
		return (T) this.parsed.get(content,
				text -> Collections.unmodifiableMap((Map<?, ?>) super.readValue(text, valueType)));
	}

	@Override
	public String writeValueAsString(Object value) {
		if (!(value instanceof Map<?, ?> map)) {
			return super.writeValueAsString(value);
		}
		return this.written.get(new SameValues(map), key -> super.writeValueAsString(key.map()));
	}

	/** The one type the row mappers read: {@code Map<String, Object>}. */
	private static boolean isStringKeyedMap(JavaType type) {
		return type.getRawClass() == Map.class && type.getKeyType().getRawClass() == String.class
				&& type.getContentType().getRawClass() == Object.class;
	}

	/** A map as a key: equal keys, and values that are the very same objects. */
	private record SameValues(Map<?, ?> map) {

		@Override
		public boolean equals(Object other) {
			if (!(other instanceof SameValues that) || that.map.size() != this.map.size()) {
				return false;
			}
			for (Map.Entry<?, ?> entry : this.map.entrySet()) {
				Object value = that.map.get(entry.getKey());
				if (value != entry.getValue() || (value == null && !that.map.containsKey(entry.getKey()))) {
					return false;
				}
			}
			return true;
		}

		@Override
		public int hashCode() {
			int hash = 0;
			for (Map.Entry<?, ?> entry : this.map.entrySet()) {
				hash += Objects.hashCode(entry.getKey()) ^ System.identityHashCode(entry.getValue());
			}
			return hash;
		}

	}

}
