package io.amagasa.resource.token;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * How every issuer's JWK set is cached, all of it done by Nimbus' {@link JWKSourceBuilder}:
 * <ul>
 * <li>cached for {@code lifetime}, and refreshed in the background shortly before it expires;</li>
 * <li>refetched at once when a token names an unknown {@code kid} (key rotation), but at most once
 * per {@code refreshMinInterval} beyond the regular load: a second unknown {@code kid} within the
 * window fails closed without a fetch, so forged {@code kid}s cannot hammer the issuer;</li>
 * <li>while the endpoint is down, the keys last fetched keep working for {@code outageTolerance}
 * after that fetch; a {@code kid} not among them fails closed.</li>
 * </ul>
 *
 * @param lifetime how long a fetched set is used before it is fetched again
 * @param refreshMinInterval the rate limit on fetches
 * @param outageTolerance how long a fetched set stays usable while the endpoint fails; zero
 * disables
 * @param refreshTimeout how long a request waits for another thread's fetch
 * @param refreshExecutor runs refresh-ahead fetches
 */
record JwkSetCaching(Duration lifetime, Duration refreshMinInterval, Duration outageTolerance,
		Duration refreshTimeout, ExecutorService refreshExecutor) {

	/** Nimbus' JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME. */
	private static final Duration REFRESH_AHEAD = Duration.ofSeconds(30);

	JWKSource<SecurityContext> cached(JWKSetSource<SecurityContext> source) {
		// Nimbus requires refresh-ahead time + refresh timeout <= lifetime: keep each within a quarter
		long quarter = this.lifetime.toMillis() / 4;
		long refreshAhead = Math.min(REFRESH_AHEAD.toMillis(), quarter);
		long refreshTimeout = Math.min(this.refreshTimeout.toMillis(), quarter);
		JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.create(source)
			.cache(this.lifetime.toMillis(), refreshTimeout)
			.refreshAheadCache(refreshAhead, null, this.refreshExecutor, false, null, false)
			.rateLimited(this.refreshMinInterval.toMillis());
		if (!this.outageTolerance.isZero()) {
			builder.outageTolerant(this.outageTolerance.toMillis());
		}
		return builder.build();
	}

}
