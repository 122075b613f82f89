package io.amagasa.authorization.user;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The account store as the {@code users} command opens it, on a database migrated by the real Flyway
 * scripts: a fresh in-memory H2 database, or the given settings (a PostgreSQL schema).
 */
final class AccountStore {

	private AccountStore() {
	}

	static ApplicationContextRunner onNewDatabase() {
		return on("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
	}

	static ApplicationContextRunner on(String url) {
		return on(Map.of("spring.datasource.url", url));
	}

	static ApplicationContextRunner on(Map<String, Object> settings) {
		ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(UsersCommandConfiguration.class)
			.withPropertyValues("spring.flyway.locations=classpath:db/amagasa");
		for (Map.Entry<String, Object> setting : settings.entrySet()) {
			runner = runner.withPropertyValues(setting.getKey() + "=" + setting.getValue());
		}
		return runner;
	}

}
