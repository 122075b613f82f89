package io.amagasa.authorization.client.cimd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Resolution and caching of metadata documents (AS-17, AS-23; CIMD §4.4), with allow-loopback over http. */
class ClientIdMetadataDocumentResolverTests {

	WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	AtomicLong nanos = new AtomicLong();

	Ticker ticker = this.nanos::get;

	MetadataDocumentFetcher fetcher;

	ClientIdMetadataDocumentResolver resolver;

	String clientId;

	@BeforeEach
	void start() {
		this.server.start();
		ClientIdMetadataDocumentProperties properties = CimdFixtures.properties(true);
		this.fetcher = CimdFixtures.fetcher(properties, SystemDefaultDnsResolver.INSTANCE);
		this.resolver = new ClientIdMetadataDocumentResolver(properties, this.fetcher,
				CimdFixtures.SCOPES, CimdFixtures.defaults(), this.ticker);
		this.clientId = "http://127.0.0.1:" + this.server.port() + "/client.json";
	}

	@AfterEach
	void stop() {
		this.fetcher.close();
		this.server.stop();
	}

	void serve(ResponseDefinitionBuilder response) {
		this.server.stubFor(get("/client.json").willReturn(response));
	}

	ResponseDefinitionBuilder document(String cacheControl) {
		ResponseDefinitionBuilder response = aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(CimdFixtures.document(this.clientId));
		return (cacheControl != null) ? response.withHeader("Cache-Control", cacheControl) : response;
	}

	int fetches() {
		return this.server.countRequestsMatching(getRequestedFor(urlEqualTo("/client.json")).build()).getCount();
	}

	void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	String refusal() {
		return assertThatExceptionOfType(ClientMetadataDocumentException.class)
			.isThrownBy(() -> this.resolver.resolve(this.clientId))
			.actual()
			.getMessage();
	}

	@Test
	@DisplayName("AS-17: the client is built from its document, with a stable id")
	void resolved() {
		serve(document("max-age=60"));
		RegisteredClient client = this.resolver.resolve(this.clientId);
		assertThat(client.getClientId()).isEqualTo(this.clientId);
		assertThat(client.getId()).isEqualTo(ClientIdentifierUrl.parse(this.clientId, true).registeredClientId());
		assertThat(client.getClientName()).isEqualTo("Example MCP Client");
		assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
		assertThat(client.getAuthorizationGrantTypes()).contains(AuthorizationGrantType.AUTHORIZATION_CODE,
				AuthorizationGrantType.REFRESH_TOKEN);
		assertThat(client.getRedirectUris()).containsExactlyInAnyOrder("http://127.0.0.1/callback",
				"https://app.example.com/callback");
		assertThat(client.getScopes()).containsExactly("mcp:tools");
		assertThat(client.getClientSettings().isRequireProofKey()).isTrue();
	}

	@Test
	@DisplayName("AS-23: a cached document is served until its max-age runs out, then fetched again")
	void cacheHonoursMaxAge() {
		serve(document("max-age=60"));
		RegisteredClient first = this.resolver.resolve(this.clientId);
		advance(Duration.ofSeconds(59));
		assertThat(this.resolver.resolve(this.clientId)).isSameAs(first);
		assertThat(fetches()).isEqualTo(1);
		advance(Duration.ofSeconds(2));
		RegisteredClient refetched = this.resolver.resolve(this.clientId);
		assertThat(fetches()).isEqualTo(2);
		assertThat(refetched.getId()).as("the same RegisteredClient id every time").isEqualTo(first.getId());
	}

	@Test
	@DisplayName("AS-23: without caching headers the default lifetime (5 min here) applies")
	void defaultLifetime() {
		serve(document(null));
		this.resolver.resolve(this.clientId);
		advance(Duration.ofMinutes(4));
		this.resolver.resolve(this.clientId);
		assertThat(fetches()).isEqualTo(1);
		advance(Duration.ofMinutes(2));
		this.resolver.resolve(this.clientId);
		assertThat(fetches()).isEqualTo(2);
	}

	@Test
	@DisplayName("AS-23: a no-store document is fetched again for every request")
	void noStoreNotCached() {
		serve(document("no-store"));
		this.resolver.resolve(this.clientId);
		this.resolver.resolve(this.clientId);
		this.resolver.resolve(this.clientId);
		assertThat(fetches()).isEqualTo(3);
	}

	@Test
	@DisplayName("CIMD §4.4: a failed fetch is not cached; the next request fetches again")
	void failuresNotCached() {
		serve(aResponse().withStatus(503).withHeader("Cache-Control", "max-age=3600"));
		assertThat(refusal()).isEqualTo("the server answered 503 instead of 200");
		serve(document("max-age=3600"));
		assertThat(this.resolver.resolve(this.clientId).getClientName()).isEqualTo("Example MCP Client");
		assertThat(fetches()).isEqualTo(2);
	}

	@Test
	@DisplayName("CIMD §4.4: an invalid document is not cached, even with a long max-age")
	void invalidDocumentsNotCached() {
		serve(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("Cache-Control", "max-age=3600")
			.withBody(CimdFixtures.document("https://elsewhere.example/client.json")));
		assertThat(refusal()).isEqualTo("the document's client_id does not match the URL it was fetched from");
		assertThat(refusal()).isEqualTo("the document's client_id does not match the URL it was fetched from");
		assertThat(fetches()).isEqualTo(2);
		serve(document("max-age=3600"));
		this.resolver.resolve(this.clientId);
		assertThat(fetches()).isEqualTo(3);
	}

	@Test
	@DisplayName("AS-18 is checked before anything is fetched")
	void urlRulesFirst() {
		assertThatExceptionOfType(ClientMetadataDocumentException.class)
			.isThrownBy(() -> this.resolver.resolve(this.clientId + "?v=2"))
			.withMessage("the client_id URL must not contain a query");
		assertThat(fetches()).isZero();
	}

	@Test
	@DisplayName("Concurrent requests for one client id share one fetch")
	void concurrentRequestsShareOneFetch() throws Exception {
		serve(document("max-age=60").withFixedDelay(300));
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<RegisteredClient>> results = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				results.add(threads.submit(() -> {
					go.await();
					return this.resolver.resolve(this.clientId);
				}));
			}
			go.countDown();
			for (Future<RegisteredClient> result : results) {
				assertThat(result.get().getClientId()).isEqualTo(this.clientId);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(fetches()).isEqualTo(1);
	}

}
