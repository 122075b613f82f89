package io.amagasa.authorization.store;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The stored clients, read at most once per HTTP request: a refresh grant reads its client when the client
 * authenticates (by {@code client_id}) and again, milliseconds later, when Spring Authorization Server maps
 * the authorization row (by id); the second answer is the first. Nothing outlives the request, so a client
 * changed or removed by another request or another instance is seen by the next request, as without this;
 * outside a request (maintenance, start-up) every lookup reads the store. A save forgets what the request
 * read. Absent clients are not remembered.
 */
public final class RequestScopedClients implements RegisteredClientRepository {

	private static final String ATTRIBUTE = RequestScopedClients.class.getName();

	private final RegisteredClientRepository store;

	public RequestScopedClients(RegisteredClientRepository store) {
		this.store = store;
	}

	@Override
	public void save(RegisteredClient client) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.removeAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		}
		this.store.save(client);
	}

	@Override
	public RegisteredClient findById(String id) {
		return find("id:" + id, this.store::findById, id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return find("client_id:" + clientId, this.store::findByClientId, clientId);
	}

	private RegisteredClient find(String key, Function<String, RegisteredClient> lookup, String value) {
		Map<String, RegisteredClient> read = readInThisRequest();
		if (read == null) {
			return lookup.apply(value);
		}
		RegisteredClient client = read.get(key);
		if (client == null) {
			client = lookup.apply(value);
			if (client != null) {
				read.put("id:" + client.getId(), client);
				read.put("client_id:" + client.getClientId(), client);
			}
		}
		return client;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, RegisteredClient> readInThisRequest() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return null;
		}
		Object read = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (read == null) {
			read = new HashMap<String, RegisteredClient>();
			request.setAttribute(ATTRIBUTE, read, RequestAttributes.SCOPE_REQUEST);
		}
		return (Map<String, RegisteredClient>) read;
	}

}
