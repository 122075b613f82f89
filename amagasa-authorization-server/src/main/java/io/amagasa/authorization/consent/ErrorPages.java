package io.amagasa.authorization.consent;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.servlet.ModelAndView;

/**
 * The HTML error page a person sees: a status, a sentence, and for a refused authorization request the
 * OAuth error code; never an exception, a message or a stack trace. Spring Boot's {@code /error}
 * dispatch renders it for every browser-facing error (a missing page, a post without its CSRF token, a
 * failure); the authorization endpoint's error handler shows its refusal of a request it must not
 * redirect (unknown client, unregistered redirect URI: AS-32) by setting the {@link OAuth2Error} as the
 * request attribute {@link #OAUTH2_ERROR} before {@code sendError(400)}.
 */
final class ErrorPages implements ErrorViewResolver {

	/** The request attribute holding the {@link OAuth2Error} of a refused authorization request. */
	static final String OAUTH2_ERROR = OAuth2Error.class.getName();

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		ModelAndView page = page(status, sentence(status));
		if (request.getAttribute(OAUTH2_ERROR) instanceof OAuth2Error error) {
			page.addObject("title", "Authorization request refused");
			page.addObject("message", "The app that sent you here made a request this server cannot accept, "
					+ "so you were not sent back to it. You can close this page.");
			page.addObject("errorCode", error.getErrorCode());
			page.addObject("errorDescription", error.getDescription());
		}
		return page;
	}

	static ModelAndView page(HttpStatus status, String message) {
		Map<String, Object> model = new HashMap<>();
		model.put("status", status.value());
		model.put("title", title(status));
		model.put("message", message);
		return new ModelAndView("amagasa/error", model, status);
	}

	private static String title(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "This request cannot be completed";
			case FORBIDDEN -> "Not allowed";
			case NOT_FOUND -> "Page not found";
			default -> status.is5xxServerError() ? "Something went wrong" : status.getReasonPhrase();
		};
	}

	private static String sentence(HttpStatus status) {
		return switch (status) {
			case FORBIDDEN -> "This page refused the request. If you submitted a form, reload the page and try again.";
			case NOT_FOUND -> "There is nothing at this address.";
			default -> status.is5xxServerError() ? "The server could not complete the request. Please try again later."
					: "The request could not be completed.";
		};
	}

}
