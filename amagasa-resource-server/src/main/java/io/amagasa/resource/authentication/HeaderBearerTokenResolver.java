package io.amagasa.resource.authentication;

import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Takes the bearer token from the {@code Authorization} header and from nowhere else (RS-24, RS-25):
 * a token in the query string or a form body is ignored, so such a request counts as unauthenticated.
 * <p>
 * The header follows RFC 6750 §2.1 ({@code "Bearer" 1*SP b64token}); the scheme name is
 * case-insensitive (RFC 9110 §11.1). Other schemes (Basic, DPoP, …) are not bearer credentials and
 * leave the request unauthenticated. A header that says Bearer but is malformed — no token, two
 * tokens, characters outside b64token, or several Authorization headers — is an {@code invalid_request}
 * (400). Spring's {@code DefaultBearerTokenResolver} is not used because it fails a request that carries
 * a header token and a query token, where the query token must simply be ignored.
 */
public final class HeaderBearerTokenResolver implements BearerTokenResolver {

	private static final String SCHEME = "bearer";

	/** By character below 128: whether RFC 6750's b64token allows it (before any trailing '='). */
	private static final boolean[] B64TOKEN = b64TokenCharacters();

	@Override
	public String resolve(HttpServletRequest request) {
		Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
		if (headers == null || !headers.hasMoreElements()) {
			return null;
		}
		String header = headers.nextElement().strip();
		if (headers.hasMoreElements()) {
			throw invalidRequest("several Authorization headers were sent; send exactly one");
		}
		if (!namesBearerScheme(header)) {
			return null;
		}
		int start = SCHEME.length();
		while (start < header.length() && header.charAt(start) == ' ') {
			start++;
		}
		String token = header.substring(start);
		if (token.isEmpty()) {
			throw invalidRequest("the Bearer credentials are empty");
		}
		if (token.indexOf(' ') >= 0 || token.indexOf(',') >= 0) {
			throw invalidRequest("the Authorization header carries more than one credential");
		}
		if (!isB64Token(token)) {
			throw invalidRequest("the bearer token has characters outside the RFC 6750 b64token syntax");
		}
		return token;
	}

	/**
	 * Whether the request's {@code Authorization} header names the Bearer scheme, well-formed or not: such
	 * a request carries no ambient credential (what CSRF protection is about).
	 */
	public static boolean presentsBearerScheme(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header != null && namesBearerScheme(header.strip());
	}

	/** The scheme is the header's first word, compared without regard to case (RFC 9110 §11.1). */
	private static boolean namesBearerScheme(String header) {
		return header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				&& (header.length() == SCHEME.length() || header.charAt(SCHEME.length()) == ' ');
	}

	/**
	 * RFC 6750 §2.1 {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. By
	 * hand rather than with a regular expression, and with a table rather than a chain of comparisons: every
	 * request's token (some 1 KB) goes through it.
	 */
	static boolean isB64Token(String token) {
		int end = token.length();
		while (end > 0 && token.charAt(end - 1) == '=') {
			end--;
		}
		if (end == 0) {
			return false;
		}
		for (int i = 0; i < end; i++) {
			char c = token.charAt(i);
			if (c >= B64TOKEN.length || !B64TOKEN[c]) {
				return false;
			}
		}
		return true;
	}

	private static boolean[] b64TokenCharacters() {
		boolean[] allowed = new boolean[128];
		for (char c = 'A'; c <= 'Z'; c++) {
			allowed[c] = true;
			allowed[Character.toLowerCase(c)] = true;
		}
		for (char c = '0'; c <= '9'; c++) {
			allowed[c] = true;
		}
		for (char c : "-._~+/".toCharArray()) {
			allowed[c] = true;
		}
		return allowed;
	}

	private static RejectedTokenException invalidRequest(String description) {
		return new RejectedTokenException(BearerTokenErrorCodes.INVALID_REQUEST, HttpStatus.BAD_REQUEST,
				"malformed_authorization_header", description);
	}

}
