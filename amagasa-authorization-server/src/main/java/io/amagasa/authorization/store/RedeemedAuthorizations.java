package io.amagasa.authorization.store;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring Authorization Server's JDBC authorization store, where a transaction that redeems a grant reads
 * the grant's authorization once. A grant (a code, a refresh token) is read, then handed to Spring's
 * provider, which reads the same row again, and to {@code save}, which reads it a third time to choose
 * between insert and update. The transaction redeems the grant in the {@link RedemptionLedger} before it
 * commits, and everything that changes a grant's row (another exchange or rotation, a revocation) redeems
 * the same grant: had the row changed since it was read, the redemption fails and the transaction rolls
 * back. So the row as read is the one to issue from: {@link #redeemed} binds it to the transaction, and
 * reads of it by id or by one of its tokens answer from there until the transaction ends. A save of it
 * moves the binding to the saved state.
 */
public final class RedeemedAuthorizations extends JdbcOAuth2AuthorizationService {

	public RedeemedAuthorizations(JdbcOperations jdbc, RegisteredClientRepository clients) {
		super(jdbc, clients);
	}

	/**
	 * Binds {@code authorization} to the current transaction when the store is this one; any other store
	 * reads it again.
	 * @param authorization the authorization of a grant this transaction redeems
	 */
	public static void redeemed(OAuth2AuthorizationService store, OAuth2Authorization authorization) {
		if (store instanceof RedeemedAuthorizations redeemedAuthorizations) {
			redeemedAuthorizations.redeemed(authorization);
		}
	}

	/**
	 * @param authorization the authorization of a grant this transaction redeems; outside a transaction
	 * nothing is bound
	 */
	public void redeemed(OAuth2Authorization authorization) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		Bound bound = transactionBound();
		if (bound == null) {
			bound = new Bound();
			TransactionSynchronizationManager.bindResource(this, bound);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(RedeemedAuthorizations.this);
				}
			});
		}
		bound.authorization = authorization;
	}

	@Override
	public OAuth2Authorization findById(String id) {
		OAuth2Authorization bound = bound();
		return (bound != null && bound.getId().equals(id)) ? bound : super.findById(id);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		OAuth2Authorization bound = bound();
		return (bound != null && holds(bound, token, tokenType)) ? bound : super.findByToken(token, tokenType);
	}

	/**
	 * @throws OAuth2AuthenticationException {@code invalid_grant} when this saves the redeeming transaction's
	 * authorization and its row is gone: removed since it was read, with the user or client it belonged to
	 * (or in a family revocation). Spring's save updates the row it found bound, and an update of a row that
	 * no longer exists changes nothing and fails nothing: without this check the grant would be redeemed and
	 * new tokens issued for an authorization that was deleted. The exception rolls the transaction back.
	 */
	@Override
	public void save(OAuth2Authorization authorization) {
		super.save(authorization);
		OAuth2Authorization bound = bound();
		if (bound != null && bound.getId().equals(authorization.getId())) {
			if (!exists(authorization.getId())) {
				throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
						"The grant was revoked", null));
			}
			redeemed(authorization);
		}
	}

	/** Whether the row exists, as this transaction sees it after its own update (which waited for its lock). */
	private boolean exists(String id) {
		Integer rows = getJdbcOperations().queryForObject("SELECT COUNT(*) FROM oauth2_authorization WHERE id = ?",
				Integer.class, id);
		return rows != null && rows > 0;
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		super.remove(authorization);
		OAuth2Authorization bound = bound();
		if (bound != null && bound.getId().equals(authorization.getId())) {
			transactionBound().authorization = null;
		}
	}

	private OAuth2Authorization bound() {
		Bound bound = transactionBound();
		return (bound != null) ? bound.authorization : null;
	}

	private Bound transactionBound() {
		return (Bound) TransactionSynchronizationManager.getResource(this);
	}

	private static boolean holds(OAuth2Authorization authorization, String token, OAuth2TokenType tokenType) {
		if (tokenType == null) {
			return authorization.getToken(token) != null;
		}
		Class<? extends OAuth2Token> type = switch (tokenType.getValue()) {
			case OAuth2ParameterNames.REFRESH_TOKEN -> OAuth2RefreshToken.class;
			case OAuth2ParameterNames.ACCESS_TOKEN -> OAuth2AccessToken.class;
			case OAuth2ParameterNames.CODE -> OAuth2AuthorizationCode.class;
			default -> null;
		};
		if (type == null) {
			return false;
		}
		OAuth2Authorization.Token<? extends OAuth2Token> held = authorization.getToken(type);
		return held != null && held.getToken().getTokenValue().equals(token);
	}

	private static final class Bound {

		private OAuth2Authorization authorization;

	}

}
