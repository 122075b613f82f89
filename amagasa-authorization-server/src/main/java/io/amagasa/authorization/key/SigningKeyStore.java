package io.amagasa.authorization.key;

import java.sql.Timestamp;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * The signing keys in the database, shared by every instance: a token signed by one is verified with the JWK
 * set any other publishes. The private keys are stored as JWK JSON; protect the database like a key store.
 */
final class SigningKeyStore {

	private final JdbcOperations jdbc;

	SigningKeyStore(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	List<StoredSigningKey> findAll() {
		return this.jdbc.query(
				"SELECT private_jwk, generation, created_at, activates_at FROM amagasa_signing_key ORDER BY generation",
				(rs, row) -> new StoredSigningKey(parse(rs.getString(1)), rs.getLong(2), rs.getTimestamp(3).toInstant(),
						rs.getTimestamp(4).toInstant()));
	}

	/** @return {@code false} when another instance added a key of that generation first */
	boolean insert(StoredSigningKey key) {
		try {
			this.jdbc.update(
					"INSERT INTO amagasa_signing_key (kid, generation, algorithm, private_jwk, created_at, activates_at) VALUES (?, ?, ?, ?, ?, ?)",
					key.kid(), key.generation(), "RS256", key.key().toJSONString(), Timestamp.from(key.createdAt()),
					Timestamp.from(key.activatesAt()));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	void delete(Collection<StoredSigningKey> keys) {
		for (StoredSigningKey key : keys) {
			this.jdbc.update("DELETE FROM amagasa_signing_key WHERE kid = ?", key.kid());
		}
	}

	private static RSAKey parse(String json) {
		try {
			return RSAKey.parse(json);
		}
		catch (ParseException ex) {
			throw new DataIntegrityViolationException("A stored signing key is not an RSA JWK", ex);
		}
	}

}
