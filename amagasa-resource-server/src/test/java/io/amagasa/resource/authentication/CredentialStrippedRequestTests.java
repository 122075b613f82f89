package io.amagasa.resource.authentication;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** RS-23: past the filter chain, the request no longer carries the client's token, under any spelling. */
class CredentialStrippedRequestTests {

	/** A POST to the MCP endpoint with a bearer token, an MCP session, two Accept values and a length. */
	private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");

	{
		this.request.addHeader("Authorization", "Bearer abc.def.ghi");
		this.request.addHeader("Mcp-Session-Id", "session-1");
		this.request.addHeader("Accept", "application/json");
		this.request.addHeader("Accept", "text/event-stream");
		this.request.addHeader("Content-Length", "42");
	}

	private final CredentialStrippedRequest stripped = new CredentialStrippedRequest(this.request);

	@Test
	void theAuthorizationHeaderIsGoneUnderEveryNameAndAccessor() {
		for (String name : new String[] { "Authorization", "authorization", "AUTHORIZATION" }) {
			assertThat(this.stripped.getHeader(name)).isNull();
			assertThat(this.stripped.getHeaders(name).hasMoreElements()).isFalse();
			assertThat(this.stripped.getIntHeader(name)).isEqualTo(-1);
			assertThat(this.stripped.getDateHeader(name)).isEqualTo(-1);
		}
		assertThat(Collections.list(this.stripped.getHeaderNames())).containsExactly("Mcp-Session-Id", "Accept",
				"Content-Length");
	}

	@Test
	void everyOtherHeaderIsUntouched() {
		assertThat(Collections.list(this.stripped.getHeaders("accept"))).containsExactly("application/json",
				"text/event-stream");
		assertThat(this.stripped.getHeader("mcp-session-id")).isEqualTo("session-1");
		assertThat(this.stripped.getIntHeader("Content-Length")).isEqualTo(42);
		// the wrapped request itself still has it: the filters before this point verified it
		assertThat(this.request.getHeader("Authorization")).isEqualTo("Bearer abc.def.ghi");
	}

}
