package io.amagasa.authorization;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The settings every registered client gets, however it was registered (configuration, dynamic
 * registration, metadata document): PKCE required, refresh tokens rotated, JWT access tokens, and the
 * configured lifetimes. The authorization and token endpoints enforce PKCE and rotation for every client
 * anyway; these settings keep the stored clients truthful.
 */
public final class RegisteredClientDefaults {

	private final AuthorizationServerProperties.Tokens tokens;

	public RegisteredClientDefaults(AuthorizationServerProperties.Tokens tokens) {
		this.tokens = tokens;
	}

	/** @param requireConsent whether the user approves the client's scopes (AS-33) */
	public ClientSettings clientSettings(boolean requireConsent) {
		return ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(requireConsent).build();
	}

	public TokenSettings tokenSettings() {
		return TokenSettings.builder()
			.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
			.accessTokenTimeToLive(this.tokens.accessTokenTimeToLive())
			.refreshTokenTimeToLive(this.tokens.refreshTokenTimeToLive())
			.authorizationCodeTimeToLive(this.tokens.authorizationCodeTimeToLive())
			.reuseRefreshTokens(false)
			.idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
			.build();
	}

}
