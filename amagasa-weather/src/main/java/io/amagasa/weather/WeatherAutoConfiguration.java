package io.amagasa.weather;

import java.util.List;

import io.amagasa.weather.alerts.AlertsTool;
import io.amagasa.weather.forecast.ForecastTool;
import io.amagasa.weather.nws.NwsClient;
import io.amagasa.weather.tool.ToolSpecifications;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the quickstart weather tools. Both specification lists are always defined: Spring
 * AI's session-based server (Streamable HTTP, SSE, stdio) takes the first, its stateless server
 * the second, and only the server of the configured protocol exists to take either.
 */
@AutoConfiguration
@EnableConfigurationProperties(WeatherProperties.class)
public class WeatherAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public NwsClient nwsClient(WeatherProperties properties) {
		return new NwsClient(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	public AlertsTool alertsTool(NwsClient nwsClient) {
		return new AlertsTool(nwsClient);
	}

	@Bean
	@ConditionalOnMissingBean
	public ForecastTool forecastTool(NwsClient nwsClient) {
		return new ForecastTool(nwsClient);
	}

	@Bean
	public List<McpServerFeatures.SyncToolSpecification> weatherToolSpecifications(AlertsTool alertsTool,
			ForecastTool forecastTool) {
		return ToolSpecifications.sessionBased(List.of(alertsTool, forecastTool));
	}

	@Bean
	public List<McpStatelessServerFeatures.SyncToolSpecification> weatherStatelessToolSpecifications(
			AlertsTool alertsTool, ForecastTool forecastTool) {
		return ToolSpecifications.stateless(List.of(alertsTool, forecastTool));
	}

}
