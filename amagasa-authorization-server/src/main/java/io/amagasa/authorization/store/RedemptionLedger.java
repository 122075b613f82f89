package io.amagasa.authorization.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * The one-time credentials (authorization codes, refresh tokens) that have been redeemed, keyed by the
 * SHA-256 of their value. Redeeming is an insert under a primary key: a database compare-and-set, so two
 * requests with the same credential, on one instance or two sharing the database, cannot both win (OAuth 2.1
 * §4.1.3 single-use codes, AS-13 refresh-token rotation). A refresh token's row also names its successor, the
 * refresh token issued in exchange, for the reuse grace window. Rows outlive their credential only until
 * it would have expired anyway.
 */
public final class RedemptionLedger {

	private final JdbcOperations jdbc;

	public RedemptionLedger(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the credential as redeemed for this authorization.
	 * @param expiresAt when the credential would have expired: the row can go then
	 * @throws DuplicateKeyException when it was redeemed before (the compare-and-set lost)
	 */
	public void redeem(String credential, String authorizationId, Instant redeemedAt, Instant expiresAt) {
		redeem(credential, authorizationId, redeemedAt, expiresAt, null);
	}

	/**
	 * Records a refresh token as redeemed for this authorization, and the refresh token issued in exchange,
	 * in one statement.
	 * @param successor the refresh token issued in exchange; {@code null} when none reached the client
	 * @throws DuplicateKeyException when it was redeemed before (the compare-and-set lost)
	 */
	public void redeem(String credential, String authorizationId, Instant redeemedAt, Instant expiresAt,
			String successor) {
		this.jdbc.update(
				"INSERT INTO amagasa_token_redemption (token_hash, authorization_id, redeemed_at, expires_at, successor_hash) VALUES (?, ?, ?, ?, ?)",
				hash(credential), authorizationId, Timestamp.from(redeemedAt), Timestamp.from(expiresAt),
				(successor != null) ? hash(successor) : null);
	}

	/** Names the refresh token issued in exchange for a redeemed one. */
	public void recordSuccessor(String credential, String successor) {
		this.jdbc.update("UPDATE amagasa_token_redemption SET successor_hash = ? WHERE token_hash = ?", hash(successor),
				hash(credential));
	}

	public Optional<Redemption> find(String credential) {
		List<Redemption> found = this.jdbc.query(
				"SELECT authorization_id, redeemed_at, successor_hash FROM amagasa_token_redemption WHERE token_hash = ?",
				(rs, row) -> new Redemption(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)),
				hash(credential));
		return found.stream().findFirst();
	}

	/** @return how many rows were deleted */
	public int deleteExpired(Instant now) {
		return this.jdbc.update("DELETE FROM amagasa_token_redemption WHERE expires_at < ?", Timestamp.from(now));
	}

	static String hash(String credential) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is a mandatory JCA algorithm", ex);
		}
	}

	/**
	 * A redeemed credential.
	 *
	 * @param authorizationId the authorization (token family) it belonged to
	 * @param redeemedAt when it was first redeemed
	 * @param successorHash the hash of the refresh token issued in exchange, if any
	 */
	public record Redemption(String authorizationId, Instant redeemedAt, String successorHash) {

		/** Whether {@code refreshToken} is the one issued in exchange for this credential. */
		public boolean succeededBy(String refreshToken) {
			return this.successorHash != null && this.successorHash.equals(hash(refreshToken));
		}

	}

}
