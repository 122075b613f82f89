package io.amagasa.authorization.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.amagasa.authorization.SecurityDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * The RS256 signing keys, persisted in the database (generated on first start) and rotated on an interval
 * (see {@link KeyRing} for the rules). As a {@link JWKSource} it is the published JWK set, which Spring
 * Authorization Server serves at its JWK set endpoint; {@link #activeSigningKey()} is the one that signs,
 * for {@link SigningKeyJwtEncoder}. Each instance keeps the keys in memory and reloads them at least every
 * {@link #checkInterval()} and whenever a scheduled activation comes, so instances sharing a database agree
 * on the keys within that interval, well inside the pre-publication period.
 */
public final class SigningKeys implements JWKSource<SecurityContext>, InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private final SigningKeyStore store;

	private final Clock clock;

	private final Duration rotationInterval;

	private final Duration prePublication;

	private final Duration retention;

	private volatile Snapshot snapshot;

	/**
	 * @param rotationInterval how long a key signs
	 * @param prePublication how long a new key is published before it signs
	 * @param retention how long a retired key stays published: the longest lifetime of a token it signed,
	 * plus the clock skew resource servers tolerate
	 */
	public SigningKeys(JdbcOperations jdbc, Clock clock, Duration rotationInterval, Duration prePublication,
			Duration retention) {
		this.store = new SigningKeyStore(jdbc);
		this.clock = clock;
		this.rotationInterval = rotationInterval;
		this.prePublication = prePublication;
		this.retention = retention;
	}

	/** How often {@link #maintain()} should run, and how stale the keys in memory may get. */
	public Duration checkInterval() {
		Duration half = this.prePublication.dividedBy(2);
		if (half.compareTo(Duration.ofSeconds(1)) < 0) {
			return Duration.ofSeconds(1);
		}
		return (half.compareTo(Duration.ofMinutes(1)) > 0) ? Duration.ofMinutes(1) : half;
	}

	@Override
	public void afterPropertiesSet() {
		maintain();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		Instant now = this.clock.instant();
		List<JWK> published = ring(now).published(now, this.retention)
			.stream()
			.map(key -> (JWK) key.key())
			.toList();
		return selector.select(new JWKSet(published));
	}

	/** The key that signs now. */
	public RSAKey activeSigningKey() {
		Instant now = this.clock.instant();
		return ring(now).active(now).key();
	}

	/**
	 * Creates the first key, creates the next one when rotation is due, deletes keys retired for longer than
	 * the retention. Every instance runs it; the database decides which instance's new key counts.
	 */
	public void maintain() {
		Instant now = this.clock.instant();
		KeyRing ring = new KeyRing(this.store.findAll());
		if (ring.isEmpty()) {
			create(1, now, now);
		}
		else if (ring.rotationDue(now, this.rotationInterval, this.prePublication)) {
			create(ring.newest().generation() + 1, now, now.plus(this.prePublication));
		}
		List<StoredSigningKey> expired = ring.expired(now, this.retention);
		if (!expired.isEmpty()) {
			this.store.delete(expired);
			expired.forEach(key -> SecurityDecision.of("signing_key", "deleted")
				.with("kid", key.kid())
				.with("generation", key.generation())
				.info(log));
		}
		reload(now);
	}

	private void create(long generation, Instant now, Instant activatesAt) {
		RSAKey key;
		try {
			key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate an RSA signing key", ex);
		}
		if (this.store.insert(new StoredSigningKey(key, generation, now, activatesAt))) {
			SecurityDecision.of("signing_key", "created")
				.with("kid", key.getKeyID())
				.with("generation", generation)
				.with("activates_at", activatesAt)
				.info(log);
		}
	}

	private KeyRing ring(Instant now) {
		Snapshot current = this.snapshot;
		if (current == null || current.staleAt(now, checkInterval())) {
			current = reload(now);
		}
		return current.ring();
	}

	private synchronized Snapshot reload(Instant now) {
		KeyRing ring = new KeyRing(this.store.findAll());
		if (ring.isEmpty()) {
			throw new IllegalStateException("No signing key in the database (amagasa_signing_key)");
		}
		Snapshot loaded = new Snapshot(ring, now, ring.nextActivation(now));
		this.snapshot = loaded;
		return loaded;
	}

	private record Snapshot(KeyRing ring, Instant loadedAt, Instant nextActivation) {

		boolean staleAt(Instant now, Duration maxAge) {
			return !now.isBefore(this.loadedAt.plus(maxAge))
					|| (this.nextActivation != null && !now.isBefore(this.nextActivation));
		}

	}

}
