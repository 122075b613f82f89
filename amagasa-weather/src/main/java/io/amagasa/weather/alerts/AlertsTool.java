package io.amagasa.weather.alerts;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.amagasa.weather.nws.AlertsResponse;
import io.amagasa.weather.nws.NwsClient;
import io.amagasa.weather.nws.NwsException;
import io.amagasa.weather.tool.InvalidArgumentException;
import io.amagasa.weather.tool.ToolDefinitions;
import io.amagasa.weather.tool.ToolResults;
import io.amagasa.weather.tool.WeatherTool;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code get_alerts}: the active NWS alerts for a US state, as in the MCP quickstart. */
public class AlertsTool implements WeatherTool {

	public static final String NAME = "get_alerts";

	static final String NO_ALERTS = "No active alerts for this state.";

	private static final Logger log = LoggerFactory.getLogger(AlertsTool.class);

	// No pattern or enum for "state": the SDK's message for those is cryptic, StateCode's is not.
	private static final String INPUT_SCHEMA = """
			{
			  "type": "object",
			  "properties": {
			    "state": { "type": "string", "description": "Two-letter US state code (e.g. CA, NY)" }
			  },
			  "required": ["state"]
			}
			""";

	private static final String OUTPUT_SCHEMA = """
			{
			  "type": "object",
			  "properties": {
			    "result": {
			      "type": "array",
			      "description": "The active alerts; empty when there are none",
			      "items": {
			        "type": "object",
			        "properties": {
			          "event": { "type": "string", "description": "The kind of weather event" },
			          "area": { "type": "string", "description": "The area the alert covers" },
			          "severity": { "type": "string", "description": "How severe the event is" },
			          "description": { "type": "string", "description": "What is happening" },
			          "instructions": { "type": "string", "description": "What people in the area should do" }
			        },
			        "required": ["event", "area", "severity", "description", "instructions"]
			      }
			    }
			  },
			  "required": ["result"]
			}
			""";

	private static final McpSchema.Tool DEFINITION = ToolDefinitions.readOnlyLookup(NAME, "Weather alerts",
			"Get weather alerts for a US state.", INPUT_SCHEMA, OUTPUT_SCHEMA);

	private final NwsClient nws;

	public AlertsTool(NwsClient nws) {
		this.nws = nws;
	}

	@Override
	public McpSchema.Tool definition() {
		return DEFINITION;
	}

	@Override
	public CallToolResult call(Map<String, Object> arguments) {
		String state;
		try {
			state = StateCode.from(arguments);
		}
		catch (InvalidArgumentException ex) {
			return ToolResults.error(ex.getMessage());
		}
		AlertsResponse response;
		try {
			response = this.nws.activeAlerts(state);
		}
		catch (NwsException ex) {
			log.warn("{} for {} failed: {}", NAME, state, ex.getMessage());
			return ToolResults.error("Unable to fetch alerts for " + state + ": " + ex.failure().reason() + ".");
		}
		List<Alert> alerts = response.features().stream().map(feature -> Alert.from(feature.properties())).toList();
		String text = alerts.isEmpty() ? NO_ALERTS
				: alerts.stream().map(Alert::toText).collect(Collectors.joining("\n---\n"));
		return ToolResults.success(text, new Alerts(alerts));
	}

}
