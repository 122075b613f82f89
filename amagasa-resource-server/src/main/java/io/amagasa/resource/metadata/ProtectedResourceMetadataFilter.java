package io.amagasa.resource.metadata;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Serves the Protected Resource Metadata document without authentication (RS-01, RS-04) at the
 * path-suffixed URL of the MCP endpoint ({@code /.well-known/oauth-protected-resource/mcp}), which
 * clients probe first, and at the root URL, for clients that only know that one. Both carry the same
 * document: the resource identifier is the MCP endpoint URL, so tokens are bound to it whichever way a
 * client found it.
 * <p>
 * Spring Security's {@code OAuth2ProtectedResourceMetadataFilter} derives {@code resource} from the
 * request URL; behind a proxy that would let request headers choose the identifier, which the MCP
 * specification forbids (RS-03). Hence this small filter with a fixed document.
 * <p>
 * A plain {@link Filter}, not a {@code OncePerRequestFilter}: every MCP request passes it, and that base
 * class sets and removes a request attribute on every dispatch even when the filter does not apply.
 */
public final class ProtectedResourceMetadataFilter implements Filter {

	private final Set<String> paths;

	private final byte[] document;

	public ProtectedResourceMetadataFilter(ProtectedResourceMetadata metadata, JsonMapper mapper) {
		URI resource = URI.create(metadata.resource());
		this.paths = Set.of(ProtectedResourceMetadata.WELL_KNOWN,
				ProtectedResourceMetadata.wellKnownUrl(resource).getRawPath());
		this.document = mapper.writeValueAsBytes(metadata);
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		if (servletRequest instanceof HttpServletRequest request
				&& servletResponse instanceof HttpServletResponse response
				&& request.getDispatcherType() == DispatcherType.REQUEST && isDocumentPath(request)) {
			serve(request, response, chain);
		}
		else {
			chain.doFilter(servletRequest, servletResponse);
		}
	}

	/** Checked on every request: most are not for a well-known path, and are told so without a copy. */
	private boolean isDocumentPath(HttpServletRequest request) {
		String uri = request.getRequestURI();
		int contextPathLength = request.getContextPath().length();
		return uri.startsWith(ProtectedResourceMetadata.WELL_KNOWN, contextPathLength)
				&& this.paths.contains(uri.substring(contextPathLength));
	}

	private void serve(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (HttpMethod.OPTIONS.matches(request.getMethod())) {
			// A CORS preflight: the CORS filter before this one has answered it.
			chain.doFilter(request, response);
			return;
		}
		if (!HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, "GET, HEAD, OPTIONS");
			response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "max-age=300");
		response.setContentLength(this.document.length);
		if (HttpMethod.GET.matches(request.getMethod())) {
			response.getOutputStream().write(this.document);
		}
	}

}
