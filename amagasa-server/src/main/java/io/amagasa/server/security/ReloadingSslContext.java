package io.amagasa.server.security;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.amagasa.authorization.SecurityDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The SSL context of {@code amagasa.auth.ssl-bundle}, following the bundle when Spring Boot reloads it
 * ({@code spring.ssl.bundle.*.reload-on-update}): its key and trust managers are the bundle's current ones
 * at every handshake, so a renewed client certificate or CA certificate is used from the next connection
 * on, without a restart. Written by hand: Spring Boot reloads bundles for its own web servers, but an
 * {@link SSLContext} taken from a bundle keeps the managers it was made with.
 */
final class ReloadingSslContext {

	private static final Logger log = LoggerFactory.getLogger(ReloadingSslContext.class);

	private ReloadingSslContext() {
	}

	static SSLContext of(String name, SslBundles bundles) throws Exception {
		SslBundle bundle = bundles.getBundle(name);
		Managers current = new Managers(bundle);
		bundles.addBundleUpdateHandler(name, (updated) -> {
			current.use(updated);
			SecurityDecision.of("ssl_bundle", "reloaded").with("bundle", name).with("use", "amagasa.auth").info(log);
		});
		SSLContext context = SSLContext.getInstance(bundle.getProtocol());
		context.init(new KeyManager[] { new CurrentKeyManager(current) },
				new TrustManager[] { new CurrentTrustManager(current) }, null);
		return context;
	}

	/** The managers of the bundle as it is now. */
	private static final class Managers {

		private volatile X509ExtendedKeyManager keys;

		private volatile X509ExtendedTrustManager trust;

		Managers(SslBundle bundle) {
			use(bundle);
		}

		void use(SslBundle bundle) {
			// A bundle without a key store has no key manager worth the name: no client certificate is sent.
			this.keys = Stream.of(bundle.getManagers().getKeyManagers())
				.filter(X509ExtendedKeyManager.class::isInstance)
				.map(X509ExtendedKeyManager.class::cast)
				.findFirst()
				.orElse(null);
			// A bundle without a trust store gets the JVM's trust from its TrustManagerFactory.
			this.trust = Stream.of(bundle.getManagers().getTrustManagers())
				.filter(X509ExtendedTrustManager.class::isInstance)
				.map(X509ExtendedTrustManager.class::cast)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("SSL bundle has no X.509 trust manager"));
		}

	}

	private static final class CurrentKeyManager extends X509ExtendedKeyManager {

		private final Managers managers;

		CurrentKeyManager(Managers managers) {
			this.managers = managers;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			X509ExtendedKeyManager keys = this.managers.keys;
			return (keys != null) ? keys.getClientAliases(keyType, issuers) : null;
		}

		@Override
		public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
			X509ExtendedKeyManager keys = this.managers.keys;
			return (keys != null) ? keys.chooseClientAlias(keyTypes, issuers, socket) : null;
		}

		@Override
		public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
			X509ExtendedKeyManager keys = this.managers.keys;
			return (keys != null) ? keys.chooseEngineClientAlias(keyTypes, issuers, engine) : null;
		}

		/** A client context: never a server. */
		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return null;
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return null;
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			X509ExtendedKeyManager keys = this.managers.keys;
			return (keys != null) ? keys.getCertificateChain(alias) : null;
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			X509ExtendedKeyManager keys = this.managers.keys;
			return (keys != null) ? keys.getPrivateKey(alias) : null;
		}

	}

	private static final class CurrentTrustManager extends X509ExtendedTrustManager {

		private final Managers managers;

		CurrentTrustManager(Managers managers) {
			this.managers = managers;
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.managers.trust.checkServerTrusted(chain, authType, socket);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.managers.trust.checkServerTrusted(chain, authType, engine);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.managers.trust.checkServerTrusted(chain, authType);
		}

		/** A client context: it is never asked to trust a client. */
		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			throw new CertificateException("This SSL context is a client's; it does not authenticate clients");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			throw new CertificateException("This SSL context is a client's; it does not authenticate clients");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("This SSL context is a client's; it does not authenticate clients");
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.managers.trust.getAcceptedIssuers();
		}

	}

}
