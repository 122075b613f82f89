package io.amagasa.authorization.client.cimd;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.amagasa.authorization.client.MigratedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The id-to-URL table of metadata-document clients on PostgreSQL 15; two instances store the same id at once. */
class MetadataDocumentClientIdsPostgresTests {

	MigratedPostgres database;

	@BeforeEach
	void migrate() {
		this.database = MigratedPostgres.create();
	}

	@AfterEach
	void drop() throws Exception {
		this.database.close();
	}

	MetadataDocumentClientIds instance() {
		return new MetadataDocumentClientIds(this.database.jdbc(), this.database.transactions(), Clock.systemUTC());
	}

	@Test
	@DisplayName("A long client id URL is stored once, however many instances store it at the same moment")
	void storedOnce() throws Exception {
		String url = "https://client.example.com/" + "c".repeat(1500);
		String id = ClientIdentifierUrl.parse(url, false).registeredClientId();
		List<Callable<Object>> instances = List.of(() -> {
			instance().remember(id, url);
			return null;
		}, () -> {
			instance().remember(id, url);
			return null;
		}, () -> {
			instance().remember(id, url);
			return null;
		});
		ExecutorService threads = Executors.newFixedThreadPool(3);
		try {
			for (Future<Object> done : threads.invokeAll(instances)) {
				done.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(instance().clientIdUrl(id)).hasValue(url);
		assertThat(instance().clientIdUrl("cimd_unknown")).isEmpty();
		assertThat(this.database.jdbc().queryForObject("SELECT COUNT(*) FROM amagasa_cimd_client", Integer.class))
			.isEqualTo(1);
	}

}
