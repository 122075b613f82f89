package io.amagasa.resource.token;

import java.security.Key;
import java.security.Provider;
import java.util.HashSet;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.crypto.impl.RSASSA;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;

/**
 * The verifiers of token signatures: Nimbus' own, computing with a chosen JCA provider for every algorithm
 * that provider has, and with the JDK's for the others, so that a provider lacking one algorithm never
 * turns a valid token into a bad signature. The choice matters because every token seen for the first time,
 * and every forged one, costs a signature check: ES256 took 0.9 ms with JDK 17's provider and 45 µs with
 * Amazon Corretto Crypto Provider (AWS-LC) on the reference machine, so with the JDK's a stream of forged
 * ES256 tokens keeps a core busy at about a thousand requests a second.
 */
final class SignatureVerifierFactory implements JWSVerifierFactory {

	private final DefaultJWSVerifierFactory chosen = new DefaultJWSVerifierFactory();

	private final DefaultJWSVerifierFactory jdk = new DefaultJWSVerifierFactory();

	/** The algorithms the chosen provider computes. */
	private final Set<JWSAlgorithm> chosenAlgorithms;

	/**
	 * @param provider the provider to verify with where it can; {@code null}: the JDK's for all
	 * @param algorithms the algorithms tokens may be signed with
	 */
	SignatureVerifierFactory(Provider provider, Set<JWSAlgorithm> algorithms) {
		Set<JWSAlgorithm> supported = new HashSet<>();
		if (provider != null) {
			this.chosen.getJCAContext().setProvider(provider);
			for (JWSAlgorithm algorithm : algorithms) {
				if (computes(provider, algorithm)) {
					supported.add(algorithm);
				}
			}
		}
		this.chosenAlgorithms = Set.copyOf(supported);
	}

	/** Whether Nimbus finds a {@code Signature} for this algorithm in the provider (as it will on each check). */
	private static boolean computes(Provider provider, JWSAlgorithm algorithm) {
		try {
			if (JWSAlgorithm.Family.EC.contains(algorithm)) {
				ECDSA.getSignerAndVerifier(algorithm, provider);
			}
			else {
				RSASSA.getSignerAndVerifier(algorithm, provider);
			}
			return true;
		}
		catch (JOSEException ex) {
			return false;
		}
	}

	/** The algorithms the chosen provider computes; the JDK's computes the others. */
	Set<JWSAlgorithm> chosenAlgorithms() {
		return this.chosenAlgorithms;
	}

	@Override
	public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
		DefaultJWSVerifierFactory factory = this.chosenAlgorithms.contains(header.getAlgorithm()) ? this.chosen
				: this.jdk;
		return factory.createJWSVerifier(header, key);
	}

	@Override
	public Set<JWSAlgorithm> supportedJWSAlgorithms() {
		return this.jdk.supportedJWSAlgorithms();
	}

	@Override
	public JCAContext getJCAContext() {
		return this.chosen.getJCAContext();
	}

}
