package io.amagasa.authorization.client.registration;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.amagasa.authorization.SecurityDecision;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps open registration bounded (AS-27) before Spring Authorization Server's registration endpoint
 * runs:
 * <ul>
 * <li>429 with {@code Retry-After} and {@code {"error":"too_many_requests"}} when the client's address
 * has used up its registrations ({@link RegistrationRateLimiter});</li>
 * <li>503 with {@code {"error":"temporarily_unavailable"}} (RFC 6749 §4.1.2.1's code for the same
 * condition) when the number of dynamically registered clients has reached the cap. The count is read
 * before registering, so concurrent registrations may overshoot it by the number in flight.</li>
 * </ul>
 * Both answers are JSON like the endpoint's own errors, {@code no-store}, and audited with the address.
 */
final class RegistrationAdmissionFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RegistrationAdmissionFilter.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RequestMatcher registrationEndpoint;

	private final RegistrationRateLimiter rateLimiter;

	private final DynamicClientRegistry registry;

	private final int maxClients;

	RegistrationAdmissionFilter(RequestMatcher registrationEndpoint, RegistrationRateLimiter rateLimiter,
			DynamicClientRegistry registry, int maxClients) {
		this.registrationEndpoint = registrationEndpoint;
		this.rateLimiter = rateLimiter;
		this.registry = registry;
		this.maxClients = maxClients;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.registrationEndpoint.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		String address = request.getRemoteAddr();
		Optional<Duration> wait = this.rateLimiter.acquire(address);
		if (wait.isPresent()) {
			long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
			SecurityDecision.of("client_registration", "rate_limited")
				.with("client_address", address)
				.with("retry_after", seconds)
				.warn(log);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			write(response, HttpStatus.TOO_MANY_REQUESTS, "too_many_requests",
					"Too many client registrations from this address; retry after " + seconds + " seconds");
			return;
		}
		long registered = this.registry.count();
		if (registered >= this.maxClients) {
			SecurityDecision.of("client_registration", "capacity_reached")
				.with("client_address", address)
				.with("registered_clients", registered)
				.with("max_clients", this.maxClients)
				.warn(log);
			write(response, HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable",
					"This authorization server has reached its limit of " + this.maxClients
							+ " dynamically registered clients; use a Client ID Metadata Document or try again later");
			return;
		}
		chain.doFilter(request, response);
	}

	private static void write(HttpServletResponse response, HttpStatus status, String error, String description)
			throws IOException {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.getOutputStream().write(JSON.writeValueAsBytes(body));
	}

}
