package io.amagasa.authorization.client.cimd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Resolves a URL-form {@code client_id} before the authorization endpoint sees the request, so that a
 * refused metadata document ends the request on a page that says why (CIMD §4.3 "SHOULD abort the
 * authorization request", AS-23, AS-32). The page is a 400 and never a redirect: the redirect URIs of a
 * client that could not be resolved are not trusted. It names the client id (the only thing the user
 * can check, CIMD §6.4) and the reason.
 * <p>
 * A resolved client, or one pre-registered under its URL, continues to the endpoint, which finds it again
 * (a metadata-document client in the cache, or fetched again when its document forbids caching).
 */
final class ClientIdentifierUrlAuthorizationFilter extends OncePerRequestFilter {

	private final RequestMatcher authorizationEndpoint;

	private final CimdRegisteredClientRepository clients;

	ClientIdentifierUrlAuthorizationFilter(RequestMatcher authorizationEndpoint, CimdRegisteredClientRepository clients) {
		this.authorizationEndpoint = authorizationEndpoint;
		this.clients = clients;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String clientId = this.authorizationEndpoint.matches(request)
				? request.getParameter(OAuth2ParameterNames.CLIENT_ID) : null;
		if (!ClientIdentifierUrl.isUrlForm(clientId)) {
			chain.doFilter(request, response);
			return;
		}
		try {
			this.clients.findByClientIdentifierUrl(clientId);
		}
		catch (ClientMetadataDocumentException ex) {
			refuse(response, clientId, ex.getMessage());
			return;
		}
		chain.doFilter(request, response);
	}

	private static void refuse(HttpServletResponse response, String clientId, String reason) throws IOException {
		String shownId = (clientId.length() <= 200) ? clientId : clientId.substring(0, 200) + "…";
		String page = """
				<!DOCTYPE html>
				<html lang="en">
				<head><meta charset="utf-8"><title>Sign-in request refused</title></head>
				<body>
				<h1>This sign-in request was refused</h1>
				<p>The application identifies itself as <code>%s</code>, but its client metadata document could not be used: %s.</p>
				<p>Nothing was shared with the application and you were not sent back to it. If you expected to sign in to this application, tell its developer.</p>
				</body>
				</html>
				""".formatted(HtmlUtils.htmlEscape(shownId), HtmlUtils.htmlEscape(reason));
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
		response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
	}

}
