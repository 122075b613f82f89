package io.amagasa.authorization.consent;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The Content-Security-Policy of the user-facing pages: nothing but this server's own stylesheet and
 * images (no scripts at all), no framing (AS-33, SBP-02), and forms that may only lead to this server and
 * to the redirect target of the authorization in progress ({@link FormActionSources}): the consent page
 * names the target of its own request, the login page the targets of the client whose authorization
 * request sent the person to sign in ({@link PendingAuthorization}).
 */
final class PagesContentSecurityPolicy implements HeaderWriter {

	static final String HEADER = "Content-Security-Policy";

	private static final String FORM_TARGETS = PagesContentSecurityPolicy.class.getName() + ".formTargets";

	private final RequestMatcher loginPage;

	private final PendingAuthorization pendingAuthorization;

	PagesContentSecurityPolicy(RequestMatcher loginPage, PendingAuthorization pendingAuthorization) {
		this.loginPage = loginPage;
		this.pendingAuthorization = pendingAuthorization;
	}

	/** Lets the page being rendered post forms that end at {@code sources} (CSP source expressions). */
	static void allowFormTargets(HttpServletRequest request, Collection<String> sources) {
		request.setAttribute(FORM_TARGETS, Set.copyOf(sources));
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (response.containsHeader(HEADER)) {
			return;
		}
		Set<String> formAction = new LinkedHashSet<>();
		formAction.add("'self'");
		if (request.getAttribute(FORM_TARGETS) instanceof Collection<?> targets) {
			targets.forEach(target -> formAction.add(target.toString()));
		}
		if (this.loginPage.matches(request)) {
			formAction.addAll(this.pendingAuthorization.redirectTargets(request, response));
		}
		response.setHeader(HEADER, "default-src 'none'; style-src 'self'; img-src 'self' data: https:; form-action "
				+ String.join(" ", formAction) + "; frame-ancestors 'none'; base-uri 'none'");
	}

}
