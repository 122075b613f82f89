package io.amagasa.authorization.key;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The lifecycle rules of the signing keys, over a list of stored keys at a given instant:
 * <ul>
 * <li>the active key, which signs, is the newest whose activation time has come;</li>
 * <li>a key is published in the JWK set from its creation (pre-publication, so resource servers know it
 * before it signs) until one retention period after its successor took over: by then every token it signed has
 * expired;</li>
 * <li>rotation is due when the newest key has signed for the rotation interval minus the pre-publication;
 * the next key is created then and activates one pre-publication later.</li>
 * </ul>
 *
 * @param keys the stored keys, in any order
 */
record KeyRing(List<StoredSigningKey> keys) {

	KeyRing {
		keys = keys.stream().sorted(Comparator.comparingLong(StoredSigningKey::generation)).toList();
	}

	boolean isEmpty() {
		return this.keys.isEmpty();
	}

	StoredSigningKey newest() {
		return this.keys.get(this.keys.size() - 1);
	}

	/** The newest key whose activation time has come (the oldest one if none has: a clock set back). */
	StoredSigningKey active(Instant now) {
		StoredSigningKey active = this.keys.get(0);
		for (StoredSigningKey key : this.keys) {
			if (!key.activatesAt().isAfter(now)) {
				active = key;
			}
		}
		return active;
	}

	List<StoredSigningKey> published(Instant now, Duration retention) {
		List<StoredSigningKey> published = new ArrayList<>();
		for (int i = 0; i < this.keys.size(); i++) {
			if (!expired(i, now, retention)) {
				published.add(this.keys.get(i));
			}
		}
		return published;
	}

	/** Keys retired for longer than the retention: no valid token is signed with them. */
	List<StoredSigningKey> expired(Instant now, Duration retention) {
		List<StoredSigningKey> expired = new ArrayList<>();
		for (int i = 0; i < this.keys.size(); i++) {
			if (expired(i, now, retention)) {
				expired.add(this.keys.get(i));
			}
		}
		return expired;
	}

	boolean rotationDue(Instant now, Duration rotationInterval, Duration prePublication) {
		return !newest().activatesAt().plus(rotationInterval).minus(prePublication).isAfter(now);
	}

	/** The earliest future activation, when the active key changes; {@code null} if none is scheduled. */
	Instant nextActivation(Instant now) {
		return this.keys.stream()
			.map(StoredSigningKey::activatesAt)
			.filter(at -> at.isAfter(now))
			.min(Comparator.naturalOrder())
			.orElse(null);
	}

	private boolean expired(int index, Instant now, Duration retention) {
		if (index + 1 >= this.keys.size()) {
			return false;
		}
		Instant retiredAt = this.keys.get(index + 1).activatesAt();
		return !retiredAt.plus(retention).isAfter(now);
	}

}
