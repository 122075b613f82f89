package io.amagasa.weather.forecast;

import java.util.Map;

import io.amagasa.weather.nws.Coordinates;
import io.amagasa.weather.tool.ToolArguments;

/**
 * The {@code latitude} and {@code longitude} arguments of {@code get_forecast}. The ranges are
 * checked here rather than with {@code minimum}/{@code maximum} in the input schema, whose SDK
 * message ("/latitude: must have a maximum value of 90") is less clear than ours.
 */
final class Location {

	static final String LATITUDE = "a number from -90 to 90";

	static final String LONGITUDE = "a number from -180 to 180";

	private Location() {
	}

	static Coordinates from(Map<String, Object> arguments) {
		double latitude = inRange(arguments, "latitude", LATITUDE, 90);
		double longitude = inRange(arguments, "longitude", LONGITUDE, 180);
		return new Coordinates(latitude, longitude);
	}

	private static double inRange(Map<String, Object> arguments, String name, String expected, double limit) {
		double value = ToolArguments.requiredNumber(arguments, name, expected);
		if (value < -limit || value > limit) {
			throw ToolArguments.invalid(name, expected, arguments.get(name));
		}
		return value;
	}

}
