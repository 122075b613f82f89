package io.amagasa.authorization.client.cimd;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The {@link RegisteredClientRepository} Spring Authorization Server sees: URL-form client ids resolve
 * through their Client ID Metadata Documents (AS-15, AS-17) unless an administrator pre-registered that
 * URL (CIMD §5.2 "Pre-Registering Client Identifier URLs": the stored client then wins and nothing is
 * fetched); every other id goes to the wrapped repository (the JDBC store of configured and dynamically
 * registered clients).
 * <ul>
 * <li>{@link #findByClientId}: a refused client id or document is an unknown client ({@code null}),
 * which Spring Authorization Server answers without redirecting (its {@code client_id} errors never
 * redirect, AS-32). A resolved client's id mapping is stored the first time it resolves.</li>
 * <li>{@link #findById}: an id starting with {@code cimd_} is mapped back to its URL and resolved the
 * same way, so a client is the same {@code RegisteredClient}, with the same id, however it is looked
 * up.</li>
 * <li>{@link #save}: refuses ids starting with {@code cimd_}, which belong to metadata documents.</li>
 * </ul>
 */
public class CimdRegisteredClientRepository implements RegisteredClientRepository {

	private final RegisteredClientRepository delegate;

	private final ClientIdMetadataDocumentResolver resolver;

	private final MetadataDocumentClientIds clientIds;

	CimdRegisteredClientRepository(RegisteredClientRepository delegate, ClientIdMetadataDocumentResolver resolver,
			MetadataDocumentClientIds clientIds) {
		this.delegate = delegate;
		this.resolver = resolver;
		this.clientIds = clientIds;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		if (registeredClient.getId().startsWith(ClientIdentifierUrl.REGISTERED_CLIENT_ID_PREFIX)) {
			throw new IllegalArgumentException("Registered client ids starting with "
					+ ClientIdentifierUrl.REGISTERED_CLIENT_ID_PREFIX
					+ " are reserved for Client ID Metadata Documents; not saving client " + registeredClient.getId());
		}
		this.delegate.save(registeredClient);
	}

	@Override
	public RegisteredClient findById(String id) {
		if (!id.startsWith(ClientIdentifierUrl.REGISTERED_CLIENT_ID_PREFIX)) {
			return this.delegate.findById(id);
		}
		return this.clientIds.clientIdUrl(id).map(this::findByClientId).orElse(null);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		if (!ClientIdentifierUrl.isUrlForm(clientId)) {
			return this.delegate.findByClientId(clientId);
		}
		try {
			return findByClientIdentifierUrl(clientId);
		}
		catch (ClientMetadataDocumentException ex) {
			// Audited by the resolver; to Spring Authorization Server this is simply an unknown client.
			return null;
		}
	}

	/**
	 * @param clientId a URL-form client id
	 * @return the client pre-registered under this id, else the client its metadata document describes
	 * @throws ClientMetadataDocumentException why the id or its document was refused
	 */
	public RegisteredClient findByClientIdentifierUrl(String clientId) {
		RegisteredClient preRegistered = this.delegate.findByClientId(clientId);
		if (preRegistered != null) {
			return preRegistered;
		}
		RegisteredClient client = this.resolver.resolve(clientId);
		this.clientIds.remember(client.getId(), clientId);
		return client;
	}

}
