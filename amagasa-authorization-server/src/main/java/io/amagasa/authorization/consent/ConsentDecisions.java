package io.amagasa.authorization.consent;

import java.util.Set;

import io.amagasa.authorization.SecurityDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The person's answer on the consent page, where the authorization endpoint receives it: wraps the
 * endpoint's consent provider (Spring Authorization Server's, as the MCP profile configured it).
 * <p>
 * Deny means deny. Spring reads a post without scopes as "keep what was approved before" and still
 * issues a code when the person had approved some of the requested scopes earlier. The Deny button
 * posts {@code consent_action=deny}: the remembered consent of this client is forgotten first and no
 * scope is passed on, so the authorization ends with {@code access_denied}, redirected to the client.
 * Only an answer whose consent {@code state} belongs to the signed-in person and this client can forget
 * anything.
 * <p>
 * The post carries no CSRF token check of its own (Spring Authorization Server exempts its endpoints):
 * the consent {@code state} it must carry is unguessable, known only to the page it was rendered on
 * (sent with {@code Referrer-Policy: no-referrer}), and bound to the person's authorization (AS-33,
 * SBP-02). Each answer is logged: granted with its scopes, or denied.
 */
final class ConsentDecisions implements AuthenticationProvider {

	static final String ACTION = "consent_action";

	static final String DENY = "deny";

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private static final Logger log = LoggerFactory.getLogger(ConsentDecisions.class);

	private final AuthenticationProvider consents;

	private final OAuth2AuthorizationService authorizations;

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService remembered;

	/** @param consents the authorization endpoint's provider for consent answers */
	ConsentDecisions(AuthenticationProvider consents, OAuth2AuthorizationService authorizations,
			RegisteredClientRepository clients, OAuth2AuthorizationConsentService remembered) {
		this.consents = consents;
		this.authorizations = authorizations;
		this.clients = clients;
		this.remembered = remembered;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2AuthorizationConsentAuthenticationToken answer = (OAuth2AuthorizationConsentAuthenticationToken) authentication;
		boolean denied = DENY.equals(answer.getAdditionalParameters().get(ACTION));
		if (denied) {
			forgetRememberedConsent(answer);
			answer = new OAuth2AuthorizationConsentAuthenticationToken(answer.getAuthorizationUri(),
					answer.getClientId(), (Authentication) answer.getPrincipal(), answer.getState(), Set.of(),
					answer.getAdditionalParameters());
		}
		String username = ((Authentication) answer.getPrincipal()).getName();
		try {
			Authentication result = this.consents.authenticate(answer);
			if (result instanceof OAuth2AuthorizationCodeRequestAuthenticationToken code
					&& code.getAuthorizationCode() != null) {
				SecurityDecision.of("consent", "granted")
					.with("sub", username)
					.with("client_id", answer.getClientId())
					.with("scope", code.getScopes())
					.info(log);
			}
			return result;
		}
		catch (OAuth2AuthenticationException refused) {
			if (OAuth2ErrorCodes.ACCESS_DENIED.equals(refused.getError().getErrorCode())) {
				SecurityDecision.of("consent", "denied")
					.with("sub", username)
					.with("client_id", answer.getClientId())
					.with("reason", denied ? "denied_by_user" : "no_scope_approved")
					.info(log);
			}
			throw refused;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.consents.supports(authentication);
	}

	private void forgetRememberedConsent(OAuth2AuthorizationConsentAuthenticationToken answer) {
		String username = ((Authentication) answer.getPrincipal()).getName();
		OAuth2Authorization authorization = this.authorizations.findByToken(answer.getState(), STATE);
		RegisteredClient client = this.clients.findByClientId(answer.getClientId());
		if (authorization == null || client == null || !authorization.getPrincipalName().equals(username)
				|| !authorization.getRegisteredClientId().equals(client.getId())) {
			// not this person's authorization: the endpoint refuses the answer itself
			return;
		}
		OAuth2AuthorizationConsent consent = this.remembered.findById(client.getId(), username);
		if (consent != null) {
			this.remembered.remove(consent);
		}
	}

}
