package io.amagasa.authorization.key;

import java.time.Instant;

import com.nimbusds.jose.jwk.RSAKey;

/**
 * A signing key as stored: the RSA key pair (RS256), its generation (1, 2, ...: the order of rotation) and
 * when it starts signing.
 *
 * @param key the key pair, with its {@code kid}
 * @param generation its place in the rotation; unique, so two instances cannot both add the next key
 * @param createdAt when it was generated (and published)
 * @param activatesAt when it starts signing, after its pre-publication
 */
public record StoredSigningKey(RSAKey key, long generation, Instant createdAt, Instant activatesAt) {

	public String kid() {
		return this.key.getKeyID();
	}

}
