package io.amagasa.authorization.client.registration;

import io.amagasa.authorization.SecurityDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The repository handed to the registration endpoint's authentication provider: lookups go to the
 * application's repository, and a save is a registration, recorded in the
 * {@link DynamicClientRegistry} in the same transaction and audited (never with the secret).
 */
final class RecordingRegisteredClientRepository implements RegisteredClientRepository {

	private static final Logger log = LoggerFactory.getLogger(RecordingRegisteredClientRepository.class);

	private final RegisteredClientRepository clients;

	private final DynamicClientRegistry registry;

	RecordingRegisteredClientRepository(RegisteredClientRepository clients, DynamicClientRegistry registry) {
		this.clients = clients;
		this.registry = registry;
	}

	@Override
	public void save(RegisteredClient client) {
		this.registry.register(client);
		SecurityDecision.of("client_registration", "accepted")
			.with("client_id", client.getClientId())
			.with("registered_client_id", client.getId())
			.with("client_name", client.getClientName())
			.with("token_endpoint_auth_method", client.getClientAuthenticationMethods().iterator().next().getValue())
			.with("redirect_uris", client.getRedirectUris())
			.with("scopes", client.getScopes())
			.info(log);
	}

	@Override
	public RegisteredClient findById(String id) {
		return this.clients.findById(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return this.clients.findByClientId(clientId);
	}

}
