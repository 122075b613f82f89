package io.amagasa.authorization.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Set;

import io.amagasa.authorization.client.ClientDisplayInfo.Registration;
import io.amagasa.authorization.client.cimd.ClientIdMetadataDocumentResolver;
import io.amagasa.authorization.client.cimd.ClientIdentifierUrl;
import io.amagasa.authorization.client.registration.DynamicClientId;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Reads a {@link RegisteredClient} for the consent page: its name, how it is registered, the host of its
 * {@code client_id} when that is a URL, where it redirects and whether only to the user's machine.
 */
public class ClientDisplayInfoService {

	public ClientDisplayInfo forClient(RegisteredClient client) {
		Registration registration = registration(client);
		String clientIdHost = ClientIdentifierUrl.isUrlForm(client.getClientId()) ? host(client.getClientId()) : null;
		Set<String> hosts = new LinkedHashSet<>();
		boolean localhostOnly = true;
		for (String redirectUri : client.getRedirectUris()) {
			URI uri = parse(redirectUri);
			String host = (uri != null) ? uri.getHost() : null;
			hosts.add((host != null) ? host : scheme(uri, redirectUri) + ":");
			localhostOnly &= LoopbackHost.is(host);
		}
		localhostOnly &= !hosts.isEmpty();
		String logo = (registration == Registration.CLIENT_ID_METADATA_DOCUMENT)
				? client.getClientSettings().getSetting(ClientIdMetadataDocumentResolver.LOGO_URI_SETTING) : null;
		return new ClientDisplayInfo(client.getClientName(), client.getClientId(), registration, clientIdHost,
				hosts.stream().toList(), localhostOnly, (logo != null) ? URI.create(logo) : null);
	}

	private static Registration registration(RegisteredClient client) {
		if (client.getId().startsWith(ClientIdentifierUrl.REGISTERED_CLIENT_ID_PREFIX)
				&& ClientIdentifierUrl.isUrlForm(client.getClientId())) {
			return Registration.CLIENT_ID_METADATA_DOCUMENT;
		}
		if (DynamicClientId.is(client.getClientId())) {
			return Registration.DYNAMIC_REGISTRATION;
		}
		return Registration.PRE_REGISTERED;
	}

	private static String host(String url) {
		URI uri = parse(url);
		return (uri != null) ? uri.getHost() : null;
	}

	private static URI parse(String uri) {
		try {
			return new URI(uri);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String scheme(URI uri, String raw) {
		if (uri != null && uri.getScheme() != null) {
			return uri.getScheme();
		}
		int colon = raw.indexOf(':');
		return (colon > 0) ? raw.substring(0, colon) : raw;
	}

}
