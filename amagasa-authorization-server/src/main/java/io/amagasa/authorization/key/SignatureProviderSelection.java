package io.amagasa.authorization.key;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
import java.util.Optional;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.amagasa.authorization.AuthorizationServerProperties.SignatureProvider;
import io.amagasa.authorization.SecurityDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the JCA provider that signs tokens ({@code amagasa.authorization-server.keys.signature-provider}),
 * and, by the same rule, the one the resource server checks their signatures with.
 * An RS256 signature is most of what a token grant costs: on the reference machine the JDK's takes 1.3 to
 * 1.5 ms, Amazon Corretto Crypto Provider's 0.4 ms (AWS-LC, the BoringSSL descendant; blinded, as the JDK's
 * is). The choice is only for signing: the provider is handed to the signer, never installed, so nothing
 * else in the process changes provider. AWS-LC ships as a native library for Linux on x86-64; where it
 * cannot load, {@code auto} signs with the JDK and says why, once, at start-up.
 */
public final class SignatureProviderSelection {

	private static final Logger log = LoggerFactory.getLogger(SignatureProviderSelection.class);

	/** The JCA name of RS256 (RFC 7518 §3.3), which the signing keys sign with. */
	static final String RS256 = "SHA256withRSA";

	private SignatureProviderSelection() {
	}

	/** The provider to sign with; empty: the JDK's, by the usual provider order. */
	public static Optional<Provider> select(SignatureProvider setting) {
		return select(setting, "amagasa.authorization-server.keys.signature-provider", "sign");
	}

	/**
	 * The same choice for another use, e.g. the resource server's signature checks.
	 * @param settingName the setting that chose, named in the error when {@code native} cannot load
	 * @param use what the signatures are computed for, in the start-up line: {@code sign} or {@code verify}
	 * @return the provider; empty: the JDK's, by the usual provider order
	 */
	public static Optional<Provider> select(SignatureProvider setting, String settingName, String use) {
		if (setting == SignatureProvider.JDK) {
			jdk(use, "configured");
			return Optional.empty();
		}
		String unavailable;
		try {
			AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
			Throwable loadingError = accp.getLoadingError();
			if (loadingError == null) {
				// runs its known-answer tests (RSA among them) unless they already ran
				accp.assertHealthy();
				Signature.getInstance(RS256, accp);
				SecurityDecision.of("signature_provider", "native")
					.with("use", use)
					.with("provider", accp.getName())
					.with("version", accp.getVersionStr())
					.with("aws_lc", accp.getAwsLcVersionStr())
					.info(log);
				return Optional.of(accp);
			}
			unavailable = loadingError.toString();
		}
		catch (LinkageError | RuntimeException | NoSuchAlgorithmException ex) {
			// LinkageError: no native library for this platform; RuntimeException: a failed self-test
			unavailable = ex.toString();
		}
		if (setting == SignatureProvider.NATIVE) {
			throw new IllegalStateException(settingName + ": 'native' needs Amazon Corretto Crypto Provider (Linux on "
					+ "x86-64), which cannot " + use + " here: " + unavailable
					+ ". Set it to 'auto' or 'jdk' to " + use + " with the JDK.");
		}
		jdk(use, unavailable);
		return Optional.empty();
	}

	private static void jdk(String use, String reason) {
		SecurityDecision.of("signature_provider", "jdk").with("use", use).with("reason", reason).info(log);
	}

}
