package io.amagasa.authorization;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityDecisionTest {

	@Test
	void valuesChosenByClientsCannotForgeALine() {
		String line = SecurityDecision.of("token", "denied")
			.with("client_id", "evil\nevent=token outcome=issued")
			.with("reason", "a \"quoted\" reason")
			.with("state", "")
			.with("scope", List.of("b", "a"))
			.with("missing", null)
			.toString();
		assertThat(line).isEqualTo("event=token outcome=denied client_id=\"evil\\u000aevent=token outcome=issued\" "
				+ "reason=\"a \\\"quoted\\\" reason\" state=\"\" scope=\"a b\" missing=-");
		assertThat(line).doesNotContain("\n");
	}

	@Test
	void aHugeValueIsCutAndSaysHowMuchWasLeftOut() {
		String line = SecurityDecision.of("token_revocation", "denied")
			.with("token_type_hint", "x".repeat(SecurityDecision.MAX_VALUE_LENGTH + 1000))
			.with("error", "invalid_request")
			.toString();
		assertThat(line).isEqualTo("event=token_revocation outcome=denied token_type_hint=\""
				+ "x".repeat(SecurityDecision.MAX_VALUE_LENGTH) + "...(1000 more characters)\" error=invalid_request");
		assertThat(SecurityDecision.of("e", "o").with("k", "y".repeat(SecurityDecision.MAX_VALUE_LENGTH)).toString())
			.isEqualTo("event=e outcome=o k=" + "y".repeat(SecurityDecision.MAX_VALUE_LENGTH));
	}

}
