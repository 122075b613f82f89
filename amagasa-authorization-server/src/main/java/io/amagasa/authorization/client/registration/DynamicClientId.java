package io.amagasa.authorization.client.registration;

import java.util.Base64;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;

/**
 * The {@code client_id} this server issues at registration (RFC 7591 §3.2.1): {@code dcr_} and 32
 * random bytes in unpadded base64url. It can never start with {@code https://}, so it is never mistaken
 * for a Client Identifier URL (CIMD §5.1 SHOULD NOT), and it tells dynamically registered clients apart
 * from pre-registered ones.
 */
public final class DynamicClientId {

	public static final String PREFIX = "dcr_";

	private static final StringKeyGenerator RANDOM = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(),
			32);

	private DynamicClientId() {
	}

	static String generate() {
		return PREFIX + RANDOM.generateKey();
	}

	/** Whether a {@code client_id} was issued by this server's registration endpoint. */
	public static boolean is(String clientId) {
		return clientId != null && clientId.startsWith(PREFIX);
	}

}
