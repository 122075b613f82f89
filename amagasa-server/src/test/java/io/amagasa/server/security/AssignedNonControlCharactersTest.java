package io.amagasa.server.security;

import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The firewall's header rule, by hand, answers exactly as Spring Security's regular expression. */
class AssignedNonControlCharactersTest {

	private static final Pattern SPRING_SECURITY_RULE = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	@ParameterizedTest
	@ValueSource(strings = { "", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "text/event-stream, application/json",
			"a\tb", "a\nb", "a\rb", "\u0000", "\u001f", "\u007f", "\u0080", "\u0085", "\u009f", "\u00a0", "café",
			"\u0378", "\u2028", "\uFFFF", "\uFFFD", "😀", "a😀b", "\uD83D", "\uDE00", "x\uD83Dy", "\u200B", "\uE000",
			"\uDB40\uDC01", "\uDB7F\uDFFF" })
	void answersAsTheRegularExpression(String value) {
		assertThat(new AssignedNonControlCharacters().test(value)).as(value.codePoints()
			.mapToObj(Integer::toHexString)
			.toList()
			.toString()).isEqualTo(SPRING_SECURITY_RULE.matcher(value).matches());
	}

}
