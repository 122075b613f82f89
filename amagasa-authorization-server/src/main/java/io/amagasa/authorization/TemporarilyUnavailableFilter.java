package io.amagasa.authorization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last line of the client-facing JSON endpoints (token, revocation, introspection, registration):
 * a failure that is not the client's — the database is down, or a metadata-document client's document
 * cannot be fetched while its authorization is read back — becomes a 503 with the RFC 6749 error
 * {@code temporarily_unavailable} and {@code Retry-After}, never a 500 or a stack trace. Protocol errors
 * are answered by Spring Authorization Server before they get here.
 */
final class TemporarilyUnavailableFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(TemporarilyUnavailableFilter.class);

	private static final byte[] BODY = ("{\"error\":\"temporarily_unavailable\",\"error_description\":"
			+ "\"The authorization server cannot complete this request right now; try again shortly\"}")
		.getBytes(StandardCharsets.UTF_8);

	private final RequestMatcher endpoints;

	TemporarilyUnavailableFilter(RequestMatcher endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoints.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException ex) {
			if (response.isCommitted()) {
				throw ex;
			}
			SecurityDecision.of("endpoint", "unavailable")
				.with("path", request.getRequestURI())
				.with("failure", ex.getClass().getSimpleName())
				.with("message", ex.getMessage())
				.warn(log);
			response.resetBuffer();
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getOutputStream().write(BODY);
		}
	}

}
