package io.amagasa.server.security;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code amagasa.auth.token.signature-provider}: who checks token signatures, said once at start-up. The
 * checks themselves, with each provider, are SignatureProviderTests' (resource-server module); the token
 * cases run with the default.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignatureProviderSettingTest {

	@Test
	void byDefaultAwsLcChecksSignaturesWhereItLoads(CapturedOutput output) {
		assumeTrue(AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null, "AWS-LC loads on Linux x86-64 only");
		start().close();
		assertThat(output.getOut()).contains("event=signature_provider outcome=native use=verify "
				+ "provider=AmazonCorrettoCryptoProvider");
	}

	@Test
	void jdkChoosesTheJdk(CapturedOutput output) {
		start("--amagasa.auth.token.signature-provider=jdk").close();
		assertThat(output.getOut()).contains("event=signature_provider outcome=jdk use=verify reason=configured")
			.doesNotContain("outcome=native use=verify");
	}

	private static ConfigurableApplicationContext start(String... settings) {
		return ExternalModeApplication.start("https://as.example.test", settings);
	}

}
