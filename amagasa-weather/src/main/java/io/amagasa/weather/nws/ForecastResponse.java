package io.amagasa.weather.nws;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of a gridpoint forecast ({@code GET /gridpoints/{wfo}/{x},{y}/forecast}) the forecast
 * tool needs.
 *
 * @param properties the forecast
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ForecastResponse(Properties properties) implements NwsDocument {

	/**
	 * @param periods the forecast periods, soonest first
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Properties(List<Period> periods) {
	}

	/**
	 * One forecast period as NWS sends it; any field may be null.
	 *
	 * @param name e.g. "Tonight"
	 * @param temperature the forecast temperature
	 * @param temperatureUnit "F" or "C"
	 * @param windSpeed e.g. "5 to 10 mph"
	 * @param windDirection a compass point such as "SW"
	 * @param detailedForecast the prose forecast
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Period(String name, Integer temperature, String temperatureUnit, String windSpeed,
			String windDirection, String detailedForecast) {
	}

	@Override
	public boolean hasRequiredFields() {
		return this.properties != null && this.properties.periods() != null
				&& this.properties.periods().stream().allMatch(Objects::nonNull);
	}

}
