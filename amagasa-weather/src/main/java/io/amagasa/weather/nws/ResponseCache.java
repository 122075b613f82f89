package io.amagasa.weather.nws;

import java.time.Duration;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Keeps successful NWS responses for as long as upstream allows (each entry has its own
 * lifetime), capped at {@code maxTtl}. Failures are thrown by the loader and so never stored.
 */
final class ResponseCache<K, V> {

	private final Cache<K, Fresh<V>> cache;

	private final Duration maxTtl;

	ResponseCache(long maximumSize, Duration maxTtl) {
		this.cache = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfter(Expiry.<K, Fresh<V>>writing((key, entry) -> entry.lifetime()))
			.build();
		this.maxTtl = maxTtl;
	}

	/**
	 * Not {@code Cache.get(key, loader)}: a load can take seconds of retries, and Caffeine would
	 * hold a lock for other keys meanwhile. Two concurrent misses may both go upstream; that is
	 * harmless for idempotent GETs.
	 */
	V get(K key, Supplier<Fresh<V>> loader) {
		Fresh<V> cached = this.cache.getIfPresent(key);
		if (cached != null) {
			return cached.body();
		}
		Fresh<V> loaded = loader.get();
		Duration lifetime = (loaded.lifetime().compareTo(this.maxTtl) > 0) ? this.maxTtl : loaded.lifetime();
		if (lifetime.compareTo(Duration.ZERO) > 0) {
			this.cache.put(key, new Fresh<>(loaded.body(), lifetime));
		}
		return loaded.body();
	}

}
