package io.amagasa.authorization.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A fresh schema in the real PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres},
 * trust authentication), dropped on close. Tests that need it are skipped, loudly, when the server is not
 * running.
 */
public final class PostgresSchema implements AutoCloseable {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String USER = "postgres";

	private final String name;

	private PostgresSchema(String name) {
		this.name = name;
	}

	public static PostgresSchema create() {
		String name = "amagasa_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		try (Connection connection = DriverManager.getConnection(URL, USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + name);
		}
		catch (SQLException ex) {
			Assumptions.abort("PostgreSQL at " + URL + " is not available: " + ex.getMessage());
		}
		return new PostgresSchema(name);
	}

	/** The settings that point an application at this schema. */
	public Map<String, Object> settings() {
		return Map.of("spring.datasource.url", URL + "?currentSchema=" + this.name, "spring.datasource.username", USER,
				"spring.datasource.password", "");
	}

	public String name() {
		return this.name;
	}

	@Override
	public void close() throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL, USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA " + this.name + " CASCADE");
		}
	}

}
