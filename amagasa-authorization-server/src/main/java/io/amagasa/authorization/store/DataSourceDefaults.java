package io.amagasa.authorization.store;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Where the authorization server keeps its state when nothing else is configured: an H2 file database
 * {@code amagasa} under {@code amagasa.data-dir} (default {@code ./data}), migrated by Flyway from
 * {@code classpath:db/amagasa}. Lowest precedence: {@code spring.datasource.url} (e.g. a PostgreSQL URL
 * shared by several instances) and {@code spring.flyway.*} override it.
 */
public final class DataSourceDefaults implements EnvironmentPostProcessor {

	static final String DATA_DIR = "amagasa.data-dir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Path dataDir = Path.of(environment.getProperty(DATA_DIR, "./data")).toAbsolutePath().normalize();
		environment.getPropertySources()
			.addLast(new MapPropertySource("amagasaAuthorizationServerDefaults",
					Map.of("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("amagasa"),
							"spring.flyway.locations", "classpath:db/amagasa")));
	}

}
