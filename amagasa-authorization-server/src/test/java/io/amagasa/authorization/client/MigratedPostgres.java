package io.amagasa.authorization.client;

import javax.sql.DataSource;

import io.amagasa.authorization.testing.PostgresSchema;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh PostgreSQL 15 schema migrated by Flyway from {@code classpath:db/amagasa}, every module's
 * migrations together, as a deployment shared by several instances runs them. Tests using it are skipped
 * when no PostgreSQL listens on 127.0.0.1:5432.
 */
public final class MigratedPostgres implements AutoCloseable {

	private final PostgresSchema schema;

	private final DataSource dataSource;

	private MigratedPostgres(PostgresSchema schema, DataSource dataSource) {
		this.schema = schema;
		this.dataSource = dataSource;
	}

	public static MigratedPostgres create() {
		PostgresSchema schema = PostgresSchema.create();
		DataSource dataSource = new DriverManagerDataSource((String) schema.settings().get("spring.datasource.url"),
				"postgres", "");
		Flyway.configure().dataSource(dataSource).schemas(schema.name()).locations("classpath:db/amagasa").load().migrate();
		return new MigratedPostgres(schema, dataSource);
	}

	public JdbcTemplate jdbc() {
		return new JdbcTemplate(this.dataSource);
	}

	public DataSourceTransactionManager transactions() {
		return new DataSourceTransactionManager(this.dataSource);
	}

	@Override
	public void close() throws Exception {
		this.schema.close();
	}

}
