package io.amagasa.authorization.metadata;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.RequestPath;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Serves the metadata documents at the path-insertion URLs of an issuer with a path (RFC 8414 §3.1, AS-03):
 * for the issuer {@code https://host/tenant1}, {@code /.well-known/oauth-authorization-server/tenant1} and
 * {@code /.well-known/openid-configuration/tenant1}. Spring Authorization Server serves a configured
 * issuer's documents at the well-known paths without the suffix only (what
 * {@code {issuer}/.well-known/openid-configuration} reaches when the issuer's path is this server's root);
 * this filter hands the suffixed requests to its endpoint filters under those paths.
 */
public final class IssuerPathMetadataFilter extends OncePerRequestFilter {

	static final String AUTHORIZATION_SERVER = "/.well-known/oauth-authorization-server";

	static final String OPENID_CONFIGURATION = "/.well-known/openid-configuration";

	private final Map<RequestMatcher, String> aliases;

	public IssuerPathMetadataFilter(IssuerIdentifier issuer) {
		String path = issuer.path();
		this.aliases = path.isEmpty() ? Map.of()
				: Map.of(get(AUTHORIZATION_SERVER + path), AUTHORIZATION_SERVER, get(OPENID_CONFIGURATION + path),
						OPENID_CONFIGURATION);
	}

	/** The path-insertion URLs: none when the issuer has no path. */
	public RequestMatcher matcher() {
		return this.aliases.isEmpty() ? request -> false : new OrRequestMatcher(this.aliases.keySet().toArray(RequestMatcher[]::new));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		for (Map.Entry<RequestMatcher, String> alias : this.aliases.entrySet()) {
			if (alias.getKey().matches(request)) {
				chain.doFilter(new AliasedRequest(request, alias.getValue()), response);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static RequestMatcher get(String path) {
		return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, path);
	}

	/** The request as if it had been made to the document's path without the issuer's path. */
	private static final class AliasedRequest extends HttpServletRequestWrapper {

		private final String path;

		private final RequestPath requestPath;

		AliasedRequest(HttpServletRequest request, String path) {
			super(request);
			this.path = path;
			this.requestPath = RequestPath.parse(request.getContextPath() + path, request.getContextPath());
		}

		@Override
		public String getRequestURI() {
			return getContextPath() + this.path;
		}

		@Override
		public StringBuffer getRequestURL() {
			StringBuffer url = super.getRequestURL();
			url.setLength(url.length() - super.getRequestURI().length());
			return url.append(getRequestURI());
		}

		@Override
		public String getServletPath() {
			return this.path;
		}

		@Override
		public String getPathInfo() {
			return null;
		}

		@Override
		public Object getAttribute(String name) {
			return ServletRequestPathUtils.PATH_ATTRIBUTE.equals(name) ? this.requestPath : super.getAttribute(name);
		}

	}

}
