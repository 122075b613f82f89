package io.amagasa.authorization;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A contribution to the filter chain of the user-facing pages: the login page, {@code /logout}, the consent
 * page and {@code /account/**}. That chain ranks below the protocol endpoints' chain and applies every bean
 * of this type, in order; with none, it serves Spring Security's default form login.
 * <p>
 * The chain ends with {@code anyRequest().authenticated()}: permit what must be open (the login page, its
 * assets) with {@code authorizeHttpRequests}, and do not configure {@code anyRequest} yourself. Further
 * paths (stylesheets, scripts) join the chain with {@code http.securityMatchers(m -> m.requestMatchers(...))},
 * which adds to its matchers; {@code securityMatcher(...)} would replace them.
 */
@FunctionalInterface
public interface UserPagesCustomizer {

	void customize(HttpSecurity http) throws Exception;

}
