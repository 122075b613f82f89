package io.amagasa.authorization.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS server certificate for tests: an EC key and a self-signed certificate made by the JDK's own
 * {@code keytool}, valid two days, for the given subject alternative names ({@code dns:localhost},
 * {@code ip:127.0.0.1}).
 */
public final class SelfSignedCertificate {

	private static final String PASSWORD = "changeit";

	private static final String ALIAS = "server";

	private final KeyStore keys;

	private SelfSignedCertificate(KeyStore keys) {
		this.keys = keys;
	}

	/**
	 * @param directory where keytool writes the key store
	 * @param commonName the subject's CN
	 * @param subjectAlternativeNames keytool's SAN syntax, e.g. {@code dns:localhost,ip:127.0.0.1}
	 */
	public static SelfSignedCertificate create(Path directory, String commonName, String subjectAlternativeNames)
			throws Exception {
		Path keyStoreFile = Files.createTempFile(directory, commonName, ".p12");
		Files.delete(keyStoreFile);
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + commonName,
				"-ext", "SAN=" + subjectAlternativeNames, "-validity", "2", "-keystore", keyStoreFile.toString(),
				"-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (keytool.waitFor() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStoreFile)) {
			keys.load(in, PASSWORD.toCharArray());
		}
		return new SelfSignedCertificate(keys);
	}

	/** The server's side: presents this certificate. */
	public SSLContext serverContext() throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers(), null, null);
		return context;
	}

	/** The server's side of mutual TLS: presents this certificate and trusts the client's. */
	public SSLContext serverContextTrusting(SelfSignedCertificate client) throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers(), client.trustManagers(), null);
		return context;
	}

	/** A client's side that trusts this certificate, and nothing else. */
	public SSLContext trustingContext() throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers(), null);
		return context;
	}

	/** Writes the certificate as PEM, as a CA certificate file is usually handed out. */
	public Path writePem(Path file) throws Exception {
		return writePem(file, "CERTIFICATE", certificate().getEncoded());
	}

	/** Writes the private key as PEM (PKCS #8), as a client certificate's key is usually kept. */
	public Path writePrivateKeyPem(Path file) throws Exception {
		return writePem(file, "PRIVATE KEY", this.keys.getKey(ALIAS, PASSWORD.toCharArray()).getEncoded());
	}

	private static Path writePem(Path file, String type, byte[] der) throws Exception {
		String pem = "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der) + "\n-----END "
				+ type + "-----\n";
		return Files.writeString(file, pem, StandardCharsets.US_ASCII);
	}

	private KeyManager[] keyManagers() throws Exception {
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(this.keys, PASSWORD.toCharArray());
		return keyManagers.getKeyManagers();
	}

	private TrustManager[] trustManagers() throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry(ALIAS, certificate());
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trusted);
		return trustManagers.getTrustManagers();
	}

	private Certificate certificate() throws Exception {
		return this.keys.getCertificate(ALIAS);
	}

}
