package io.amagasa.authorization.key;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The signing-key lifecycle rules: which key signs, which are published, when to rotate and delete. */
class KeyRingTest {

	static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	static final Duration INTERVAL = Duration.ofDays(30);

	static final Duration PRE_PUBLICATION = Duration.ofMinutes(15);

	static final Duration RETENTION = Duration.ofMinutes(15);

	static RSAKey first;

	static RSAKey second;

	@BeforeAll
	static void keys() throws Exception {
		first = new RSAKeyGenerator(2048).keyID("first").generate();
		second = new RSAKeyGenerator(2048).keyID("second").generate();
	}

	static KeyRing rotated() {
		Instant secondCreated = T0.plus(INTERVAL).minus(PRE_PUBLICATION);
		return new KeyRing(List.of(new StoredSigningKey(second, 2, secondCreated, T0.plus(INTERVAL)),
				new StoredSigningKey(first, 1, T0, T0)));
	}

	@Test
	void rotationIsDueOnePrePublicationBeforeTheIntervalEnds() {
		KeyRing ring = new KeyRing(List.of(new StoredSigningKey(first, 1, T0, T0)));
		Instant due = T0.plus(INTERVAL).minus(PRE_PUBLICATION);
		assertThat(ring.rotationDue(due.minusSeconds(1), INTERVAL, PRE_PUBLICATION)).isFalse();
		assertThat(ring.rotationDue(due, INTERVAL, PRE_PUBLICATION)).isTrue();
		assertThat(rotated().rotationDue(due, INTERVAL, PRE_PUBLICATION)).isFalse();
	}

	@Test
	void aNewKeyIsPublishedBeforeItSigns() {
		Instant prePublished = T0.plus(INTERVAL).minus(Duration.ofMinutes(1));
		assertThat(rotated().active(prePublished).kid()).isEqualTo("first");
		assertThat(rotated().published(prePublished, RETENTION)).extracting(StoredSigningKey::kid)
			.containsExactly("first", "second");
		assertThat(rotated().nextActivation(prePublished)).isEqualTo(T0.plus(INTERVAL));
	}

	@Test
	void aRetiredKeyStaysPublishedUntilItsTokensHaveExpired() {
		Instant switched = T0.plus(INTERVAL);
		assertThat(rotated().active(switched).kid()).isEqualTo("second");
		assertThat(rotated().published(switched.plus(RETENTION).minusSeconds(1), RETENTION))
			.extracting(StoredSigningKey::kid)
			.containsExactly("first", "second");
		assertThat(rotated().expired(switched.plus(RETENTION).minusSeconds(1), RETENTION)).isEmpty();
		assertThat(rotated().published(switched.plus(RETENTION), RETENTION)).extracting(StoredSigningKey::kid)
			.containsExactly("second");
		assertThat(rotated().expired(switched.plus(RETENTION), RETENTION)).extracting(StoredSigningKey::kid)
			.containsExactly("first");
	}

	@Test
	void theNewestKeyIsNeverExpired() {
		assertThat(rotated().expired(T0.plus(Duration.ofDays(365)), RETENTION)).extracting(StoredSigningKey::kid)
			.containsExactly("first");
	}

}
