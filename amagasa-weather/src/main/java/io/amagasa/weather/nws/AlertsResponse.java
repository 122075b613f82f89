package io.amagasa.weather.nws;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of {@code GET /alerts/active/area/{area}} the alerts tool needs.
 *
 * @param features the active alerts
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertsResponse(List<Feature> features) implements NwsDocument {

	/**
	 * @param properties the alert itself
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Feature(Properties properties) {
	}

	/**
	 * One alert as NWS sends it; NWS sends absent values as explicit nulls.
	 *
	 * @param event e.g. "Flood Warning"
	 * @param areaDesc the affected areas, e.g. "Sonoma, CA; Napa, CA"
	 * @param severity Extreme, Severe, Moderate, Minor or Unknown
	 * @param description what is happening
	 * @param instruction what people should do
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Properties(String event, String areaDesc, String severity, String description,
			String instruction) {
	}

	@Override
	public boolean hasRequiredFields() {
		return this.features != null
				&& this.features.stream().allMatch(feature -> feature != null && feature.properties() != null);
	}

}
