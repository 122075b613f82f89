package io.amagasa.server.security;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps the embedded authorization server, and with it any database, out of the application unless it
 * is used: in {@code external}, {@code entra} and {@code none} mode, and in stdio mode (no web server), the
 * auto-configurations of the authorization server (every one of amagasa-authorization-server, and Spring
 * Authorization Server's) and of the DataSource, JDBC and Flyway are not imported, so the server neither
 * creates nor opens a database. A filter of the auto-configuration import rather than
 * {@code spring.autoconfigure.exclude}, so that it sees the settings as the context is refreshed, test
 * properties included.
 */
public final class EmbeddedAuthorizationServerSwitch implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final List<String> DATABASE_AND_SPRING_AUTHORIZATION_SERVER = List.of(
			"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.",
			"org.springframework.boot.jdbc.autoconfigure.", "org.springframework.boot.flyway.autoconfigure.");

	private static final String AMAGASA_AUTHORIZATION_SERVER = "io.amagasa.authorization.";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean embedded = embedded(this.environment);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = embedded || candidate == null || (!candidate.startsWith(AMAGASA_AUTHORIZATION_SERVER)
					&& DATABASE_AND_SPRING_AUTHORIZATION_SERVER.stream().noneMatch(candidate::startsWith));
		}
		return matches;
	}

	/** The embedded server runs in {@code embedded} mode (the default) with a web server. */
	static boolean embedded(Environment environment) {
		String mode = environment.getProperty("amagasa.auth.mode", "embedded").trim().toLowerCase(Locale.ROOT);
		String webApplicationType = environment.getProperty("spring.main.web-application-type", "servlet")
			.trim()
			.toLowerCase(Locale.ROOT);
		return mode.equals("embedded") && !webApplicationType.equals("none");
	}

}
