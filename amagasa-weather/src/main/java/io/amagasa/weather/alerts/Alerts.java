package io.amagasa.weather.alerts;

import java.util.List;

/**
 * The structured content of {@code get_alerts}. MCP requires structured content to be an
 * object, so the list is wrapped as {@code {"result": [...]}}, as the Python SDK wraps a list.
 *
 * @param result the active alerts; empty when there are none
 */
public record Alerts(List<Alert> result) {
}
