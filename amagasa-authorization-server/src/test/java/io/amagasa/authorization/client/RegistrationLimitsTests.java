package io.amagasa.authorization.client;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** The registration cap and closed registration (AS-27: open by default, but bounded). */
class RegistrationLimitsTests {

	static final String REGISTRATION = """
			{"client_name": "x", "application_type": "native", "redirect_uris": ["http://127.0.0.1/cb"]}
			""";

	@Nested
	@NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
	@SpringBootTest(classes = ClientIdentificationTestServer.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "amagasa.authorization-server.clients.registration.max-clients=2")
	class Cap {

		@LocalServerPort
		int port;

		@Test
		@DisplayName("Beyond max-clients registration answers 503 with a JSON error")
		void capReached() {
			assertThat(TestHttp.register(this.port, "192.0.2.20", REGISTRATION).statusCode()).isEqualTo(201);
			assertThat(TestHttp.register(this.port, "192.0.2.21", REGISTRATION).statusCode()).isEqualTo(201);
			HttpResponse<String> refused = TestHttp.register(this.port, "192.0.2.22", REGISTRATION);
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(TestHttp.json(refused).get("error").stringValue()).isEqualTo("temporarily_unavailable");
			assertThat(TestHttp.json(refused).get("error_description").stringValue())
				.isEqualTo("This authorization server has reached its limit of 2 dynamically registered clients; "
						+ "use a Client ID Metadata Document or try again later");
		}

	}

	@Nested
	@NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
	@SpringBootTest(classes = ClientIdentificationTestServer.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "amagasa.authorization-server.clients.registration.open=false")
	class Closed {

		@LocalServerPort
		int port;

		@Test
		@DisplayName("registration.open=false: a request without an initial access token is refused (401)")
		void initialAccessTokenRequired() {
			HttpResponse<String> refused = TestHttp.register(this.port, "192.0.2.30", REGISTRATION);
			assertThat(refused.statusCode()).isEqualTo(401);
		}

	}

}
