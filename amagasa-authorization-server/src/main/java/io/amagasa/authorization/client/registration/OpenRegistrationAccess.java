package io.amagasa.authorization.client.registration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Open registration (RFC 7591 §3: "the client registration endpoint MAY accept requests without an
 * initial access token") needs requests without credentials to pass the chain's authorization rules,
 * which end in {@code anyRequest().authenticated()}. Spring Authorization Server's registration filter
 * sits after the {@code AuthorizationFilter}, and a {@code requestMatchers(..).permitAll()} rule cannot be
 * added once the chain's catch-all is in place. So this post-processor wraps the chain's compiled rules
 * instead: registration requests are permitted, everything else is decided by the chain's rules as
 * before. It works whatever order the chain and its customizers add their rules in.
 */
final class OpenRegistrationAccess implements ObjectPostProcessor<AuthorizationManager<HttpServletRequest>> {

	private static final AuthorizationDecision PERMITTED = new AuthorizationDecision(true);

	private final RequestMatcher registrationEndpoint;

	OpenRegistrationAccess(RequestMatcher registrationEndpoint) {
		this.registrationEndpoint = registrationEndpoint;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <O extends AuthorizationManager<HttpServletRequest>> O postProcess(O chainRules) {
		AuthorizationManager<HttpServletRequest> opened = (authentication,
				request) -> this.registrationEndpoint.matches(request) ? PERMITTED
						: chainRules.authorize(authentication, request);
		// O is the AuthorizationManager<HttpServletRequest> the configurer asks for; erased, the cast is exact.
		return (O) opened;
	}

}
