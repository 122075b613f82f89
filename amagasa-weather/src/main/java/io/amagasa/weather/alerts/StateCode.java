package io.amagasa.weather.alerts;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.amagasa.weather.tool.ToolArguments;

/**
 * The {@code state} argument of {@code get_alerts}. Accepted: the 50 states, DC and the five
 * inhabited territories NWS issues alerts for (AS, GU, MP, PR, VI), in any letter case. Not
 * accepted, though NWS knows them as areas: marine zones (AM, GM, PZ, ...) and the freely
 * associated states (FM, MH, PW), because the tool promises "a US state".
 */
final class StateCode {

	static final String EXPECTED = "a two-letter US state or territory code such as CA or NY";

	private static final Set<String> CODES = Set.of(
			"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
			"LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND",
			"OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
			"DC", "AS", "GU", "MP", "PR", "VI");

	private StateCode() {
	}

	/** @return the upper-case code, ready for the NWS URL */
	static String from(Map<String, Object> arguments) {
		String state = ToolArguments.requiredString(arguments, "state", EXPECTED);
		String code = state.trim().toUpperCase(Locale.ROOT);
		if (!CODES.contains(code)) {
			throw ToolArguments.invalid("state", EXPECTED, state);
		}
		return code;
	}

}
