package io.amagasa.authorization;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;

/**
 * A contribution to the authorization server's protocol filter chain. The chain applies every bean of
 * this type, in order ({@code @Order}/{@code Ordered}), to its {@link HttpSecurity} and
 * {@link OAuth2AuthorizationServerConfigurer} after its own configuration and before it is built, so that a
 * feature (client registration, metadata documents, ...) can enable endpoints, add filters, converters and
 * providers without the chain knowing about it.
 * <p>
 * The chain has already set these replacing setters, which a customizer must not call again (it would
 * drop the MCP profile: PKCE for every client, resource indicators, {@code iss}, refresh-token rotation):
 * {@code authorizationEndpoint.authorizationRequestConverters(..)},
 * {@code authorizationEndpoint.authenticationProviders(..)},
 * {@code authorizationEndpoint.authorizationResponseHandler(..)} and {@code errorResponseHandler(..)},
 * {@code tokenEndpoint.accessTokenRequestConverters(..)}, {@code tokenEndpoint.authenticationProviders(..)},
 * {@code tokenEndpoint.errorResponseHandler(..)}, the metadata and provider-configuration customizers. Use
 * the adding methods instead ({@code authorizationRequestConverter(..)}, {@code authenticationProvider(..)}),
 * whose contributions run before the defaults. A {@code registration_endpoint} appears in the metadata as
 * soon as a customizer enables {@code clientRegistrationEndpoint(..)}.
 */
@FunctionalInterface
public interface AuthorizationServerCustomizer {

	void customize(HttpSecurity http, OAuth2AuthorizationServerConfigurer authorizationServer) throws Exception;

}
