package io.amagasa.weather.nws;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of {@code GET /points/{lat},{lon}} the forecast tool needs.
 *
 * @param properties the point's metadata
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PointResponse(Properties properties) implements NwsDocument {

	/**
	 * @param forecast the absolute URL of the point's gridpoint forecast; null when NWS has none
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Properties(String forecast) {
	}

	@Override
	public boolean hasRequiredFields() {
		return this.properties != null;
	}

}
