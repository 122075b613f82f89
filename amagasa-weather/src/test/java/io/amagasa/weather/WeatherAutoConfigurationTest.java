package io.amagasa.weather;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class WeatherAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WeatherAutoConfiguration.class));

	@Test
	void isRegisteredAsAnAutoConfiguration() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
			.contains(WeatherAutoConfiguration.class.getName());
	}

	@Test
	void providesBothToolListsTheWaySpringAiAsksForThem() {
		this.runner.run(context -> {
			assertThat(context).hasNotFailed();
			// Spring AI's server auto-configurations ask for ObjectProvider<List<SyncToolSpecification>>.
			ObjectProvider<List<McpServerFeatures.SyncToolSpecification>> sessionBased = context
				.getBeanProvider(ResolvableType.forClassWithGenerics(List.class, McpServerFeatures.SyncToolSpecification.class));
			ObjectProvider<List<McpStatelessServerFeatures.SyncToolSpecification>> stateless = context.getBeanProvider(
					ResolvableType.forClassWithGenerics(List.class, McpStatelessServerFeatures.SyncToolSpecification.class));

			assertThat(sessionBased.stream().flatMap(List::stream).map(spec -> spec.tool().name()))
				.containsExactly("get_alerts", "get_forecast");
			assertThat(stateless.stream().flatMap(List::stream).map(spec -> spec.tool().name()))
				.containsExactly("get_alerts", "get_forecast");
		});
	}

	@Test
	void bindsTheDefaults() {
		this.runner.run(context -> assertThat(context.getBean(WeatherProperties.class)).isEqualTo(new WeatherProperties(
				URI.create("https://api.weather.gov"), WeatherProperties.DEFAULT_USER_AGENT, Duration.ofSeconds(5),
				Duration.ofSeconds(10), 2, Duration.ofMillis(200), Duration.ofSeconds(5),
				new WeatherProperties.Cache(1000, 500, Duration.ofHours(1)))));
	}

	@Test
	void bindsEnvironmentVariables() {
		Map<String, Object> environment = Map.of("AMAGASA_WEATHER_NWS_BASE_URL", "http://localhost:8089",
				"AMAGASA_WEATHER_USER_AGENT", "forecasts.example (ops@example.com)",
				"AMAGASA_WEATHER_READ_TIMEOUT", "30s", "AMAGASA_WEATHER_MAX_RETRIES", "0",
				"AMAGASA_WEATHER_CACHE_POINTS_MAX_SIZE", "42", "AMAGASA_WEATHER_CACHE_MAX_TTL", "0");
		this.runner
			.withInitializer(context -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
			.run(context -> {
				WeatherProperties properties = context.getBean(WeatherProperties.class);
				assertThat(properties.nwsBaseUrl()).isEqualTo(URI.create("http://localhost:8089"));
				assertThat(properties.userAgent()).isEqualTo("forecasts.example (ops@example.com)");
				assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.maxRetries()).isZero();
				assertThat(properties.cache().pointsMaxSize()).isEqualTo(42);
				assertThat(properties.cache().maxTtl()).isZero();
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			nws-base-url=ftp://api.weather.gov        | amagasa.weather.nws-base-url must be an absolute http or https URL without query or fragment, such as https://api.weather.gov, got 'ftp://api.weather.gov'
			nws-base-url=api.weather.gov              | amagasa.weather.nws-base-url must be an absolute http or https URL without query or fragment, such as https://api.weather.gov, got 'api.weather.gov'
			nws-base-url=https://api.weather.gov/?x=1 | amagasa.weather.nws-base-url must be an absolute http or https URL without query or fragment, such as https://api.weather.gov, got 'https://api.weather.gov/?x=1'
			user-agent=\s                             | amagasa.weather.user-agent must not be blank: the National Weather Service requires a User-Agent naming the application and a contact
			connect-timeout=0s                        | amagasa.weather.connect-timeout must be a positive duration such as 500ms or 5s, got PT0S
			read-timeout=-1s                          | amagasa.weather.read-timeout must be a positive duration such as 500ms or 5s, got PT-1S
			retry-backoff=0ms                         | amagasa.weather.retry-backoff must be a positive duration such as 500ms or 5s, got PT0S
			max-retry-delay=0s                        | amagasa.weather.max-retry-delay must be a positive duration such as 500ms or 5s, got PT0S
			max-retries=-1                            | amagasa.weather.max-retries must be between 0 and 10, got -1
			max-retries=11                            | amagasa.weather.max-retries must be between 0 and 10, got 11
			cache.points-max-size=-1                  | amagasa.weather.cache.points-max-size must be zero or positive, got -1
			cache.forecasts-max-size=-5               | amagasa.weather.cache.forecasts-max-size must be zero or positive, got -5
			cache.max-ttl=-1m                         | amagasa.weather.cache.max-ttl must be zero or positive, got PT-1M
			""")
	void refusesToStartWithAnInvalidSetting(String setting, String message) {
		this.runner.withPropertyValues("amagasa.weather." + setting).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessage(message);
		});
	}

}
