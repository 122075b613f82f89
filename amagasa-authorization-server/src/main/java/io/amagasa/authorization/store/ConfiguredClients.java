package io.amagasa.authorization.store;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.amagasa.authorization.AuthorizationServerProperties;
import io.amagasa.authorization.AuthorizationServerProperties.Client;
import io.amagasa.authorization.RegisteredClientDefaults;
import io.amagasa.authorization.SecurityDecision;
import io.amagasa.authorization.resource.ProtectedResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The clients registered in configuration ({@code amagasa.authorization-server.registered-clients}), upserted into the
 * registered-client repository at start-up with their secrets hashed. A client removed from the
 * configuration is deleted, with its authorizations and consents, so removing it revokes it.
 */
public final class ConfiguredClients implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ConfiguredClients.class);

	private static final String SETTING = "amagasa.authorization-server.registered-clients";

	private static final Set<String> METHODS = Set.of("none", "client_secret_basic", "client_secret_post");

	private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token");

	private final List<Client> clients;

	private final ProtectedResources resources;

	private final RegisteredClientRepository repository;

	private final RegisteredClientDefaults defaults;

	private final JdbcOperations jdbc;

	private final TransactionOperations transactions;

	private final PasswordEncoder secrets = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	public ConfiguredClients(List<Client> clients, ProtectedResources resources, RegisteredClientRepository repository,
			RegisteredClientDefaults defaults, JdbcOperations jdbc, TransactionOperations transactions) {
		this.clients = clients;
		this.resources = resources;
		this.repository = repository;
		this.defaults = defaults;
		this.jdbc = jdbc;
		this.transactions = transactions;
		for (int i = 0; i < clients.size(); i++) {
			validate(SETTING + "[" + i + "]", clients.get(i));
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		// statement by statement: instances starting together each retry the insert the other one won
		Set<String> configured = new LinkedHashSet<>();
		for (int i = 0; i < this.clients.size(); i++) {
			Client client = this.clients.get(i);
			upsert(SETTING + "[" + i + "]", toRegisteredClient(client));
			configured.add(client.clientId());
		}
		List<String> stored = this.jdbc.queryForList("SELECT client_id FROM amagasa_configured_client", String.class);
		stored.stream()
			.filter(clientId -> !configured.contains(clientId))
			.forEach(clientId -> this.transactions.executeWithoutResult(status -> delete(clientId)));
	}

	private void upsert(String setting, RegisteredClient client) {
		try {
			this.repository.save(client);
		}
		catch (DuplicateKeyException ex) {
			// another instance inserted it a moment ago: this save updates it
			this.repository.save(client);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(setting + ".client-id: '" + client.getClientId()
					+ "' is already registered by other means (dynamic registration?): " + ex.getMessage(), ex);
		}
		if (this.jdbc.update("UPDATE amagasa_configured_client SET registered_client_id = ? WHERE client_id = ?",
				client.getId(), client.getClientId()) == 0) {
			try {
				this.jdbc.update("INSERT INTO amagasa_configured_client (client_id, registered_client_id) VALUES (?, ?)",
						client.getClientId(), client.getId());
			}
			catch (DuplicateKeyException ex) {
				// another instance recorded it
			}
		}
		SecurityDecision.of("configured_client", "registered")
			.with("client_id", client.getClientId())
			.with("methods", client.getClientAuthenticationMethods().stream().map(ClientAuthenticationMethod::getValue).toList())
			.with("grant_types", client.getAuthorizationGrantTypes().stream().map(AuthorizationGrantType::getValue).toList())
			.with("scope", client.getScopes())
			.info(log);
	}

	private void delete(String clientId) {
		String id = this.jdbc.queryForObject("SELECT registered_client_id FROM amagasa_configured_client WHERE client_id = ?",
				String.class, clientId);
		this.jdbc.update("DELETE FROM oauth2_authorization WHERE registered_client_id = ?", id);
		this.jdbc.update("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?", id);
		this.jdbc.update("DELETE FROM oauth2_registered_client WHERE id = ?", id);
		this.jdbc.update("DELETE FROM amagasa_configured_client WHERE client_id = ?", clientId);
		SecurityDecision.of("configured_client", "deleted").with("client_id", clientId).warn(log);
	}

	private RegisteredClient toRegisteredClient(Client client) {
		String id = UUID.nameUUIDFromBytes(("amagasa-configured-client:" + client.clientId()).getBytes(StandardCharsets.UTF_8))
			.toString();
		RegisteredClient existing = this.repository.findById(id);
		RegisteredClient.Builder builder = RegisteredClient.withId(id)
			.clientId(client.clientId())
			.clientIdIssuedAt((existing != null) ? existing.getClientIdIssuedAt() : Instant.now())
			.clientName((client.clientName() != null) ? client.clientName() : client.clientId())
			.clientSettings(this.defaults.clientSettings(client.requireConsent()))
			.tokenSettings(this.defaults.tokenSettings());
		if (client.confidential()) {
			builder.clientSecret(this.secrets.encode(client.clientSecret()));
		}
		methods(client).forEach(method -> builder.clientAuthenticationMethod(new ClientAuthenticationMethod(method)));
		if (client.grantTypes().isEmpty()) {
			// Spring requires a grant type; this token endpoint accepts no client_credentials requests, so
			// the client can only authenticate at the introspection and revocation endpoints
			builder.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
		}
		client.grantTypes().forEach(grantType -> builder.authorizationGrantType(new AuthorizationGrantType(grantType)));
		client.redirectUris().forEach(builder::redirectUri);
		scopes(client).forEach(builder::scope);
		return builder.build();
	}

	private static List<String> methods(Client client) {
		if (!client.clientAuthenticationMethods().isEmpty()) {
			return client.clientAuthenticationMethods();
		}
		return client.confidential() ? List.of("client_secret_basic", "client_secret_post") : List.of("none");
	}

	private Set<String> scopes(Client client) {
		if (client.scopes() != null) {
			return new LinkedHashSet<>(client.scopes());
		}
		Set<String> scopes = new LinkedHashSet<>(this.resources.scopes());
		scopes.addAll(AuthorizationServerProperties.SERVER_SCOPES);
		return scopes;
	}

	private void validate(String setting, Client client) {
		for (String method : client.clientAuthenticationMethods()) {
			if (!METHODS.contains(method)) {
				throw new IllegalArgumentException(setting + ".client-authentication-methods: '" + method
						+ "' is not one of none, client_secret_basic, client_secret_post");
			}
		}
		boolean none = methods(client).contains("none");
		if (client.confidential() && none) {
			throw new IllegalArgumentException(setting + ": a client with a client-secret cannot use the 'none' "
					+ "authentication method; remove one of them");
		}
		if (!client.confidential() && !methods(client).equals(List.of("none"))) {
			throw new IllegalArgumentException(setting + ".client-secret is not set: a client authenticating with "
					+ methods(client) + " needs one (or use client-authentication-methods: none for a public client)");
		}
		for (String grantType : client.grantTypes()) {
			if (!GRANT_TYPES.contains(grantType)) {
				throw new IllegalArgumentException(
						setting + ".grant-types: '" + grantType + "' is not one of authorization_code, refresh_token");
			}
		}
		if (client.grantTypes().contains("refresh_token") && !client.grantTypes().contains("authorization_code")) {
			throw new IllegalArgumentException(setting + ".grant-types: refresh_token needs authorization_code");
		}
		if (client.grantTypes().isEmpty() && !client.confidential()) {
			throw new IllegalArgumentException(setting + ".grant-types is empty: only a confidential client "
					+ "(one that introspects or revokes tokens) may have no grant type");
		}
		if (client.grantTypes().contains("authorization_code") && client.redirectUris().isEmpty()) {
			throw new IllegalArgumentException(
					setting + ".redirect-uris is empty: the authorization_code grant needs at least one");
		}
		for (int j = 0; j < client.redirectUris().size(); j++) {
			requireRedirectUri(setting + ".redirect-uris[" + j + "]", client.redirectUris().get(j));
		}
		if (client.scopes() != null) {
			for (String scope : client.scopes()) {
				if (!this.resources.scopes().contains(scope)
						&& !AuthorizationServerProperties.SERVER_SCOPES.contains(scope)) {
					throw new IllegalArgumentException(setting + ".scopes: '" + scope + "' is not a scope of any "
							+ "protected resource (" + this.resources.scopes() + ") nor openid/offline_access");
				}
			}
		}
	}

	/** AS-30: {@code https}, or {@code http} on loopback; absolute, no fragment (RFC 6749 §3.1.2). */
	private static void requireRedirectUri(String setting, String value) {
		URI uri;
		try {
			uri = URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(setting + ": '" + value + "' is not a URI");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		boolean loopback = host.equals("localhost") || host.equals("[::1]")
				|| host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
		if (!uri.isAbsolute() || uri.getRawFragment() != null || host.isEmpty()
				|| !(scheme.equals("https") || (scheme.equals("http") && loopback))) {
			throw new IllegalArgumentException(setting + ": '" + value + "' must be an absolute https URI, or http on "
					+ "127.0.0.1, [::1] or localhost, with no fragment (expected e.g. http://127.0.0.1/callback)");
		}
	}

}
