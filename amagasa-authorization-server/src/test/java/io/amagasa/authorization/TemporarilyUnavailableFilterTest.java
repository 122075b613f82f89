package io.amagasa.authorization;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class TemporarilyUnavailableFilterTest {

	@Test
	void aServerSideFailureIsA503WithTheRfc6749Error() throws Exception {
		TemporarilyUnavailableFilter filter = new TemporarilyUnavailableFilter(request -> true);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(new MockHttpServletRequest("POST", "/oauth2/introspect"), response, (request, ignored) -> {
			throw new DataRetrievalFailureException("The RegisteredClient with id 'cimd_x' was not found");
		});
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getContentAsString()).startsWith("{\"error\":\"temporarily_unavailable\"")
			.doesNotContain("cimd_x")
			.doesNotContain("Exception");
	}

	@Test
	void otherEndpointsAreLeftAlone() throws Exception {
		TemporarilyUnavailableFilter filter = new TemporarilyUnavailableFilter(request -> false);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(new MockHttpServletRequest("GET", "/oauth2/authorize"), response,
				(request, ignored) -> ((MockHttpServletResponse) ignored).setStatus(302));
		assertThat(response.getStatus()).isEqualTo(302);
	}

}
