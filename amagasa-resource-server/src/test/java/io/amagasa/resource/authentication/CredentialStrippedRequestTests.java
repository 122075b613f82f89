package io.amagasa.resource.authentication;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** RS-23: past the filter chain, the request no longer carries the client's token, under any spelling. */
class CredentialStrippedRequestTests {

	@Test
	void theAuthorizationHeaderIsGoneUnderEveryNameAndAccessor() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		request.addHeader("Authorization", "Bearer abc.def.ghi");
		request.addHeader("Mcp-Session-Id", "session-1");
		request.addHeader("Content-Length", "42");

		CredentialStrippedRequest stripped = new CredentialStrippedRequest(request);

		for (String name : new String[] { "Authorization", "authorization", "AUTHORIZATION" }) {
			assertThat(stripped.getHeader(name)).isNull();
			assertThat(stripped.getHeaders(name).hasMoreElements()).isFalse();
			assertThat(stripped.getIntHeader(name)).isEqualTo(-1);
			assertThat(stripped.getDateHeader(name)).isEqualTo(-1);
		}
		assertThat(Collections.list(stripped.getHeaderNames())).containsExactly("Mcp-Session-Id", "Content-Length");
	}

	@Test
	void everyOtherHeaderIsUntouched() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		request.addHeader("Authorization", "Bearer abc.def.ghi");
		request.addHeader("Accept", "application/json");
		request.addHeader("Accept", "text/event-stream");
		request.addHeader("Content-Length", "42");

		CredentialStrippedRequest stripped = new CredentialStrippedRequest(request);

		assertThat(Collections.list(stripped.getHeaders("accept"))).containsExactly("application/json",
				"text/event-stream");
		assertThat(stripped.getIntHeader("Content-Length")).isEqualTo(42);
		// the wrapped request itself still has it: the filters before this point verified it
		assertThat(request.getHeader("Authorization")).isEqualTo("Bearer abc.def.ghi");
	}

}
