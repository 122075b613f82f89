package io.amagasa.resource.authentication;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.HttpHeaders;

/**
 * The request as the application behind the filter chain gets it once its caller is verified: without the
 * {@code Authorization} header. The MCP transport, the tools and anything else past the chain read the
 * verified caller instead, so none of them can log, store or forward the client's token (RS-23: no token
 * passthrough; RS-26). It also spares the transport a copy of the token: the MCP transport copies every
 * request header into a map on every request.
 * <p>
 * The header names are compared without regard to case (RFC 9110 §5.1).
 */
public final class CredentialStrippedRequest extends HttpServletRequestWrapper {

	public CredentialStrippedRequest(HttpServletRequest request) {
		super(request);
	}

	@Override
	public String getHeader(String name) {
		return isAuthorization(name) ? null : super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		return isAuthorization(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		Enumeration<String> names = super.getHeaderNames();
		if (names == null) {
			return null;
		}
		List<String> kept = new ArrayList<>();
		while (names.hasMoreElements()) {
			String name = names.nextElement();
			if (!isAuthorization(name)) {
				kept.add(name);
			}
		}
		return Collections.enumeration(kept);
	}

	@Override
	public long getDateHeader(String name) {
		return isAuthorization(name) ? -1 : super.getDateHeader(name);
	}

	@Override
	public int getIntHeader(String name) {
		return isAuthorization(name) ? -1 : super.getIntHeader(name);
	}

	private static boolean isAuthorization(String name) {
		return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name);
	}

}
