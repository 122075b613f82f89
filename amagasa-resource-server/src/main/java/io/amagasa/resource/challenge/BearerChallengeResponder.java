package io.amagasa.resource.challenge;

import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Writes the 400, 401 and 403 responses of the resource server: a {@link BearerChallenge} in
 * {@code WWW-Authenticate}, and, when there is an error, the RFC 6749 §5.2-style JSON body
 * {@code {"error":…,"error_description":…}} so that a person reading the response learns why.
 */
public final class BearerChallengeResponder {

	/** 403 for an allow-list denial: not a scope problem, so no step-up challenge (it would loop). */
	public static final String ACCESS_DENIED = "access_denied";

	private final URI resourceMetadata;

	private final Collection<String> challengeScopes;

	private final JsonMapper mapper;

	/**
	 * @param resourceMetadata the Protected Resource Metadata URL every challenge names
	 * @param challengeScopes what a 401 asks for (RS-09)
	 */
	public BearerChallengeResponder(URI resourceMetadata, Collection<String> challengeScopes, JsonMapper mapper) {
		this.resourceMetadata = resourceMetadata;
		this.challengeScopes = challengeScopes;
		this.mapper = mapper;
	}

	public URI resourceMetadata() {
		return this.resourceMetadata;
	}

	/** 401 without an error code: no credentials were presented (RFC 6750 §3.1). */
	public void unauthenticated(HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				BearerChallenge.noCredentials(this.challengeScopes, this.resourceMetadata).headerValue());
	}

	/** 401 {@code invalid_token} or 400 {@code invalid_request}: credentials were presented and refused. */
	public void rejected(HttpServletResponse response, int status, String error, String description)
			throws IOException {
		response.setStatus(status);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				new BearerChallenge(error, description, this.challengeScopes, this.resourceMetadata).headerValue());
		writeError(response, error, description);
	}

	/** 403 {@code insufficient_scope} naming every scope the operation needs (RS-13..RS-15). */
	public void insufficientScope(HttpServletResponse response, Set<String> scopes, String description)
			throws IOException {
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				new BearerChallenge(BearerChallenge.INSUFFICIENT_SCOPE, description, scopes, this.resourceMetadata)
					.headerValue());
		writeError(response, BearerChallenge.INSUFFICIENT_SCOPE, description);
	}

	/** 403 for a caller the allow-lists refuse whatever its scopes. */
	public void accessDenied(HttpServletResponse response, String description) throws IOException {
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		writeError(response, ACCESS_DENIED, description);
	}

	private void writeError(HttpServletResponse response, String error, String description) throws IOException {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", error);
		if (description != null) {
			body.put("error_description", description);
		}
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.getOutputStream().write(this.mapper.writeValueAsBytes(body));
	}

}
