package io.amagasa.weather.forecast;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.amagasa.weather.nws.ForecastResponse;

/**
 * One forecast period as {@code get_forecast} returns it in structured content (the
 * quickstart's {@code Period} model, snake_case names). Missing text becomes "Unknown"; a
 * missing temperature stays null, since no number would be honest.
 *
 * @param name e.g. "Tonight"
 * @param temperature the forecast temperature, or null when NWS gives none
 * @param temperatureUnit "F" or "C"
 * @param windSpeed e.g. "10 to 15 mph"
 * @param windDirection a compass point such as "SW"
 * @param detailedForecast the prose forecast
 */
public record ForecastPeriod(
		String name,
		Integer temperature,
		@JsonProperty("temperature_unit") String temperatureUnit,
		@JsonProperty("wind_speed") String windSpeed,
		@JsonProperty("wind_direction") String windDirection,
		@JsonProperty("detailed_forecast") String detailedForecast) {

	private static final String UNKNOWN = "Unknown";

	static ForecastPeriod from(ForecastResponse.Period period) {
		return new ForecastPeriod(
				orUnknown(period.name()),
				period.temperature(),
				orUnknown(period.temperatureUnit()),
				orUnknown(period.windSpeed()),
				orUnknown(period.windDirection()),
				orUnknown(period.detailedForecast()));
	}

	/** The quickstart's text block for one period, byte for byte. */
	String toText() {
		String temperature = (this.temperature != null) ? this.temperature.toString() : UNKNOWN;
		return "\n" + this.name + ":\nTemperature: " + temperature + "°" + this.temperatureUnit + "\nWind: "
				+ this.windSpeed + " " + this.windDirection + "\nForecast: " + this.detailedForecast + "\n";
	}

	/** Only null is replaced: NWS legitimately sends "" (e.g. no wind direction in calm air). */
	private static String orUnknown(String value) {
		return (value != null) ? value : UNKNOWN;
	}

}
