package io.amagasa.weather.alerts;

import io.amagasa.weather.nws.AlertsResponse;

/**
 * One active alert, as {@code get_alerts} returns it in structured content (the quickstart's
 * {@code Alert} model). Missing values get the quickstart's defaults.
 *
 * @param event e.g. "Flood Warning"
 * @param area the affected areas
 * @param severity e.g. "Severe"
 * @param description what is happening
 * @param instructions what people should do
 */
public record Alert(String event, String area, String severity, String description, String instructions) {

	static Alert from(AlertsResponse.Properties alert) {
		return new Alert(
				orDefault(alert.event(), "Unknown"),
				orDefault(alert.areaDesc(), "Unknown"),
				orDefault(alert.severity(), "Unknown"),
				orDefault(alert.description(), "No description available"),
				orDefault(alert.instruction(), "No specific instructions provided"));
	}

	/** The quickstart's text block for one alert, byte for byte. */
	String toText() {
		return "\nEvent: " + this.event + "\nArea: " + this.area + "\nSeverity: " + this.severity
				+ "\nDescription: " + this.description + "\nInstructions: " + this.instructions + "\n";
	}

	/** Like the quickstart's {@code value or default}: NWS sends absent values as null, sometimes as "". */
	private static String orDefault(String value, String fallback) {
		return (value == null || value.isEmpty()) ? fallback : value;
	}

}
