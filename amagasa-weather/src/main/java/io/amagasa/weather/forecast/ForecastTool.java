package io.amagasa.weather.forecast;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.amagasa.weather.nws.Coordinates;
import io.amagasa.weather.nws.ForecastResponse;
import io.amagasa.weather.nws.NwsClient;
import io.amagasa.weather.nws.NwsException;
import io.amagasa.weather.nws.NwsFailure;
import io.amagasa.weather.nws.PointResponse;
import io.amagasa.weather.tool.InvalidArgumentException;
import io.amagasa.weather.tool.ToolDefinitions;
import io.amagasa.weather.tool.ToolResults;
import io.amagasa.weather.tool.WeatherTool;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code get_forecast}: the next five NWS forecast periods for a point, as in the MCP
 * quickstart: {@code /points/{lat},{lon}} gives the gridpoint forecast link, which is then
 * fetched.
 */
public class ForecastTool implements WeatherTool {

	public static final String NAME = "get_forecast";

	/** The quickstart shows the next five periods (about two and a half days). */
	static final int PERIODS = 5;

	static final String POINT_FAILED = "Unable to fetch forecast data for this location";

	static final String FORECAST_FAILED = "Unable to fetch detailed forecast";

	static final String OUTSIDE_COVERAGE = "the National Weather Service has no forecast for this point "
			+ "(it covers the United States and its territories)";

	static final String NO_PERIODS = "No forecast periods available.";

	private static final Logger log = LoggerFactory.getLogger(ForecastTool.class);

	private static final String INPUT_SCHEMA = """
			{
			  "type": "object",
			  "properties": {
			    "latitude": { "type": "number", "description": "Latitude of the location" },
			    "longitude": { "type": "number", "description": "Longitude of the location" }
			  },
			  "required": ["latitude", "longitude"]
			}
			""";

	private static final String OUTPUT_SCHEMA = """
			{
			  "type": "object",
			  "properties": {
			    "latitude": { "type": "number", "description": "Latitude the forecast is for" },
			    "longitude": { "type": "number", "description": "Longitude the forecast is for" },
			    "periods": {
			      "type": "array",
			      "description": "The forecast periods, soonest first",
			      "maxItems": 5,
			      "items": {
			        "type": "object",
			        "properties": {
			          "name": { "type": "string", "description": "Label for the period, e.g. Tonight or Tuesday" },
			          "temperature": { "type": ["integer", "null"], "description": "Forecast temperature; null when NWS gives none" },
			          "temperature_unit": { "type": "string", "description": "Unit of the temperature, F or C" },
			          "wind_speed": { "type": "string", "description": "Wind speed, e.g. 10 to 15 mph" },
			          "wind_direction": { "type": "string", "description": "Wind direction as a compass point" },
			          "detailed_forecast": { "type": "string", "description": "Prose description of the period" }
			        },
			        "required": ["name", "temperature", "temperature_unit", "wind_speed", "wind_direction", "detailed_forecast"]
			      }
			    }
			  },
			  "required": ["latitude", "longitude", "periods"]
			}
			""";

	private static final McpSchema.Tool DEFINITION = ToolDefinitions.readOnlyLookup(NAME, "Weather forecast",
			"Get weather forecast for a location.", INPUT_SCHEMA, OUTPUT_SCHEMA);

	private final NwsClient nws;

	public ForecastTool(NwsClient nws) {
		this.nws = nws;
	}

	@Override
	public McpSchema.Tool definition() {
		return DEFINITION;
	}

	@Override
	public CallToolResult call(Map<String, Object> arguments) {
		Coordinates location;
		try {
			location = Location.from(arguments);
		}
		catch (InvalidArgumentException ex) {
			return ToolResults.error(ex.getMessage());
		}
		PointResponse point;
		try {
			point = this.nws.point(location);
		}
		catch (NwsException ex) {
			log.warn("{} for {} failed: {}", NAME, location.toPathSegment(), ex.getMessage());
			String reason = (ex.failure() == NwsFailure.NOT_FOUND) ? OUTSIDE_COVERAGE : ex.failure().reason();
			return ToolResults.error(POINT_FAILED + ": " + reason + ".");
		}
		String forecastLink = point.properties().forecast();
		if (forecastLink == null) {
			log.warn("{} for {} failed: NWS gave no forecast link", NAME, location.toPathSegment());
			return ToolResults.error(POINT_FAILED + ": " + OUTSIDE_COVERAGE + ".");
		}
		ForecastResponse forecast;
		try {
			forecast = this.nws.forecast(forecastLink);
		}
		catch (NwsException ex) {
			log.warn("{} for {} failed: {}", NAME, location.toPathSegment(), ex.getMessage());
			return ToolResults.error(FORECAST_FAILED + ": " + ex.failure().reason() + ".");
		}
		List<ForecastPeriod> periods = forecast.properties()
			.periods()
			.stream()
			.limit(PERIODS)
			.map(ForecastPeriod::from)
			.toList();
		if (periods.isEmpty()) {
			log.warn("{} for {} failed: NWS sent a forecast without periods", NAME, location.toPathSegment());
			return ToolResults.error(NO_PERIODS);
		}
		String text = periods.stream().map(ForecastPeriod::toText).collect(Collectors.joining("\n---\n"));
		return ToolResults.success(text, new Forecast(location.latitude(), location.longitude(), periods));
	}

}
