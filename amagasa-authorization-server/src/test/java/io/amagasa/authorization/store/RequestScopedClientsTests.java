package io.amagasa.authorization.store;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/** One read of a client per request, and never an answer older than the request (real H2 and Flyway). */
class RequestScopedClientsTests {

	private final JdbcTemplate jdbc;

	private final List<String> reads = new ArrayList<>();

	private final RequestScopedClients clients;

	private final RegisteredClient client = MigratedDatabase.publicClient("cli");

	RequestScopedClientsTests() {
		this.jdbc = new JdbcTemplate(MigratedDatabase.h2());
		JdbcRegisteredClientRepository store = new JdbcRegisteredClientRepository(this.jdbc);
		this.clients = new RequestScopedClients(new RegisteredClientRepository() {

			@Override
			public void save(RegisteredClient registeredClient) {
				store.save(registeredClient);
			}

			@Override
			public RegisteredClient findById(String id) {
				RequestScopedClientsTests.this.reads.add("id:" + id);
				return store.findById(id);
			}

			@Override
			public RegisteredClient findByClientId(String clientId) {
				RequestScopedClientsTests.this.reads.add("client_id:" + clientId);
				return store.findByClientId(clientId);
			}

		});
		this.clients.save(this.client);
	}

	private static void newRequest() {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
	}

	@AfterEach
	void endRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void withinOneRequestAClientIsReadOnceWhicheverWayItIsLookedUp() {
		newRequest();
		RegisteredClient byClientId = this.clients.findByClientId("cli");
		assertThat(this.clients.findById(this.client.getId())).isSameAs(byClientId);
		assertThat(this.clients.findByClientId("cli")).isSameAs(byClientId);
		assertThat(this.reads).containsExactly("client_id:cli");
	}

	@Test
	void theNextRequestReadsTheStoreAgainAndSeesAChangeMadeElsewhere() {
		newRequest();
		assertThat(this.clients.findByClientId("cli").getClientName()).isEqualTo("cli");
		// another instance renames it, then removes it
		this.jdbc.update("UPDATE oauth2_registered_client SET client_name = 'renamed' WHERE client_id = 'cli'");
		newRequest();
		assertThat(this.clients.findByClientId("cli").getClientName()).isEqualTo("renamed");
		this.jdbc.update("DELETE FROM oauth2_registered_client WHERE client_id = 'cli'");
		newRequest();
		assertThat(this.clients.findById(this.client.getId())).isNull();
		assertThat(this.reads).hasSize(3);
	}

	@Test
	void absentClientsAreNotRemembered() {
		newRequest();
		assertThat(this.clients.findByClientId("later")).isNull();
		this.clients.save(MigratedDatabase.publicClient("later"));
		assertThat(this.clients.findByClientId("later")).isNotNull();
		assertThat(this.reads).containsExactly("client_id:later", "client_id:later");
	}

	@Test
	void aSaveForgetsWhatTheRequestRead() {
		newRequest();
		RegisteredClient before = this.clients.findByClientId("cli");
		this.clients.save(RegisteredClient.from(before).clientName("updated").build());
		assertThat(this.clients.findByClientId("cli").getClientName()).isEqualTo("updated");
		assertThat(this.reads).containsExactly("client_id:cli", "client_id:cli");
	}

	@Test
	void outsideARequestEveryLookupReadsTheStore() {
		this.clients.findByClientId("cli");
		this.clients.findByClientId("cli");
		this.clients.findById(this.client.getId());
		assertThat(this.reads).containsExactly("client_id:cli", "client_id:cli", "id:" + this.client.getId());
	}

}
