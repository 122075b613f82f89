package io.amagasa.authorization.token;

import java.time.Clock;
import java.time.Duration;

import io.amagasa.authorization.store.RedemptionLedger;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2ClientAuthenticationConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenIntrospectionEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenRevocationEndpointConfigurer;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2DeviceCodeAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2TokenExchangeAuthenticationConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The token endpoint's MCP profile, on Spring Authorization Server's endpoint: the authorization-code and
 * refresh-token grants only (AS-01, AS-06; the others answer {@code unsupported_grant_type}), single-use codes
 * and rotated refresh tokens with reuse detection, public clients allowed to refresh and revoke (a revoked
 * refresh token revokes its token family: {@link RefreshTokenRevocation}), and RFC 6749 §5.2 error responses;
 * revocation and introspection requests audited, one line each.
 */
public final class TokenEndpointProfile {

	private final OAuth2AuthorizationService authorizations;

	private final RegisteredClientRepository clients;

	private final AuthorizationServerSettings settings;

	private final RedemptionLedger ledger;

	private final TokenFamilyRevocation revocation;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final Duration refreshTokenReuseGrace;

	private final ClientAuthenticationFailure clientAuthenticationFailure = new ClientAuthenticationFailure();

	public TokenEndpointProfile(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients,
			AuthorizationServerSettings settings, RedemptionLedger ledger, TokenFamilyRevocation revocation,
			TransactionOperations transactions, Clock clock, Duration refreshTokenReuseGrace) {
		this.authorizations = authorizations;
		this.clients = clients;
		this.settings = settings;
		this.ledger = ledger;
		this.revocation = revocation;
		this.transactions = transactions;
		this.clock = clock;
		this.refreshTokenReuseGrace = refreshTokenReuseGrace;
	}

	public void applyTo(OAuth2TokenEndpointConfigurer tokenEndpoint) {
		tokenEndpoint
			.accessTokenRequestConverters(converters -> converters
				.removeIf(converter -> converter instanceof OAuth2ClientCredentialsAuthenticationConverter
						|| converter instanceof OAuth2DeviceCodeAuthenticationConverter
						|| converter instanceof OAuth2TokenExchangeAuthenticationConverter))
			.authenticationProviders(providers -> {
				providers.removeIf(provider -> provider instanceof OAuth2ClientCredentialsAuthenticationProvider
						|| provider instanceof OAuth2DeviceCodeAuthenticationProvider
						|| provider instanceof OAuth2TokenExchangeAuthenticationProvider);
				providers.replaceAll(provider -> {
					if (provider instanceof OAuth2AuthorizationCodeAuthenticationProvider codes) {
						return new AuthorizationCodeRedemption(codes, this.authorizations, this.ledger, this.revocation,
								this.transactions, this.clock);
					}
					if (provider instanceof OAuth2RefreshTokenAuthenticationProvider refreshTokens) {
						return new RefreshTokenRotation(refreshTokens, this.authorizations, this.ledger,
								this.revocation, this.transactions, this.clock, this.refreshTokenReuseGrace);
					}
					return provider;
				});
			})
			.errorResponseHandler(new AuditedErrorResponse("token", OAuth2ParameterNames.GRANT_TYPE));
	}

	public void applyTo(OAuth2TokenRevocationEndpointConfigurer revocationEndpoint) {
		revocationEndpoint
			.authenticationProviders(providers -> providers
				.replaceAll(provider -> (provider instanceof OAuth2TokenRevocationAuthenticationProvider tokens)
						? new RefreshTokenRevocation(tokens, this.authorizations, this.revocation) : provider))
			.revocationResponseHandler(new TokenRevocationOutcome())
			.errorResponseHandler(new AuditedErrorResponse("token_revocation", OAuth2ParameterNames.TOKEN_TYPE_HINT));
	}

	public void applyTo(OAuth2TokenIntrospectionEndpointConfigurer introspectionEndpoint) {
		introspectionEndpoint.introspectionResponseHandler(new TokenIntrospectionOutcome())
			.errorResponseHandler(new AuditedErrorResponse("token_introspection", OAuth2ParameterNames.TOKEN_TYPE_HINT));
	}

	public void applyTo(OAuth2ClientAuthenticationConfigurer clientAuthentication) {
		clientAuthentication.authenticationConverter(new ClientIdOnlyAuthenticationConverter(this.settings))
			.authenticationProvider(new ClientIdOnlyAuthenticationProvider(this.clients))
			.errorResponseHandler(this.clientAuthenticationFailure);
	}

	/** For token, revocation and introspection requests that carry no client credentials at all. */
	public AuthenticationEntryPoint unauthenticatedClient() {
		return this.clientAuthenticationFailure;
	}

}
