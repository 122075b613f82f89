package io.amagasa.weather.tool;

import java.util.List;
import java.util.Map;

/**
 * Reads typed values out of {@code tools/call} arguments with messages a person understands.
 * The SDK validates arguments against the input schema first, but that can be switched off,
 * and its messages are terse, so each tool checks again here.
 */
public final class ToolArguments {

	/** Long enough to recognise a value, short enough to keep the message readable. */
	private static final int MAX_ECHOED_CHARACTERS = 40;

	private ToolArguments() {
	}

	/**
	 * @param expected what a valid value looks like, e.g. "a two-letter US state code such as CA"
	 */
	public static String requiredString(Map<String, Object> arguments, String name, String expected) {
		Object value = required(arguments, name, expected);
		if (value instanceof String string) {
			return string;
		}
		throw invalid(name, expected, value);
	}

	/**
	 * @param expected what a valid value looks like, e.g. "a number from -90 to 90"
	 * @return the value, always finite
	 */
	public static double requiredNumber(Map<String, Object> arguments, String name, String expected) {
		Object value = required(arguments, name, expected);
		if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
			return number.doubleValue();
		}
		throw invalid(name, expected, value);
	}

	/** The error for a value that has the right type but is not acceptable. */
	public static InvalidArgumentException invalid(String name, String expected, Object value) {
		return new InvalidArgumentException(
				"Invalid argument " + name + ": expected " + expected + ", got " + describe(value) + ".");
	}

	private static Object required(Map<String, Object> arguments, String name, String expected) {
		Object value = (arguments != null) ? arguments.get(name) : null;
		if (value == null) {
			throw new InvalidArgumentException("Missing required argument " + name + ": expected " + expected + ".");
		}
		return value;
	}

	private static String describe(Object value) {
		if (value instanceof String string) {
			return (string.length() > MAX_ECHOED_CHARACTERS)
					? "\"" + string.substring(0, MAX_ECHOED_CHARACTERS) + "…\"" : "\"" + string + "\"";
		}
		if (value instanceof Map) {
			return "an object";
		}
		if (value instanceof List) {
			return "an array";
		}
		return String.valueOf(value);
	}

}
