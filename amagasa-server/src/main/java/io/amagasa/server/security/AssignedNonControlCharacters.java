package io.amagasa.server.security;

import java.util.function.Predicate;

/**
 * Spring Security's {@code StrictHttpFirewall} rule for header names and values — every code point
 * assigned in Unicode and none a control character — checked without the regular expression
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}) the firewall otherwise runs on every header read. Every
 * MCP request's bearer token (some 1 KB) is read through the firewall, and the expression cost more than
 * verifying a cached token. Written by hand because the firewall takes only a predicate; the rule itself
 * is unchanged.
 */
final class AssignedNonControlCharacters implements Predicate<String> {

	@Override
	public boolean test(String value) {
		for (int i = 0; i < value.length();) {
			char c = value.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				i++;
				continue;
			}
			int codePoint = value.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || type == Character.CONTROL) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
