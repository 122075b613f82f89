package io.amagasa.resource.rebinding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * DNS-rebinding protection for the MCP endpoint (TR-01, TR-02, TR-10), applied before anything else
 * reads the request.
 * <ul>
 * <li>A present {@code Origin} that is not allowed gets 403 with a JSON-RPC error without an id, as the
 * Streamable HTTP transport specifies. A request without {@code Origin} (a non-browser client) passes
 * this check.</li>
 * <li>A {@code Host} that is not allowed gets 421 Misdirected Request (RFC 9110 §15.5.20): a rebinding
 * page reaches the server under the attacker's host name, which is never one of ours.</li>
 * </ul>
 * The Origin rule applies only where {@code originChecked} says so (the MCP endpoint): discovery
 * documents are meant to be read cross-origin by browser-based clients.
 */
public final class DnsRebindingProtectionFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DnsRebindingProtectionFilter.class);

	private final AllowedHosts allowed;

	private final Predicate<HttpServletRequest> originChecked;

	private final Predicate<HttpServletRequest> hostChecked;

	public DnsRebindingProtectionFilter(AllowedHosts allowed, Predicate<HttpServletRequest> originChecked,
			Predicate<HttpServletRequest> hostChecked) {
		this.allowed = allowed;
		this.originChecked = originChecked;
		this.hostChecked = hostChecked;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin != null && this.originChecked.test(request)
				&& !this.allowed.isAllowedOrigin(origin, request.getLocalAddr(), request.getLocalPort())) {
			log.warn("decision=deny reason=origin_not_allowed method={} path={}", request.getMethod(),
					request.getRequestURI());
			reject(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden: Origin not allowed");
			return;
		}
		if (this.hostChecked.test(request) && !this.allowed.isAllowedHost(request.getHeader(HttpHeaders.HOST),
				request.getLocalAddr(), request.getLocalPort())) {
			log.warn("decision=deny reason=host_not_allowed method={} path={}", request.getMethod(),
					request.getRequestURI());
			reject(response, 421, "Misdirected Request: Host not allowed");
			return;
		}
		chain.doFilter(request, response);
	}

	private static void reject(HttpServletResponse response, int status, String message) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		// JSON-RPC error with no id (TR-02): the request was refused before its body was read.
		response.getWriter()
			.write("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"" + message + "\"}}");
	}

}
