package io.amagasa.weather;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the weather tools and their National Weather Service client, bound from
 * {@code amagasa.weather.*} (or the environment, e.g. {@code AMAGASA_WEATHER_NWS_BASE_URL}).
 * Invalid values stop the application at start-up with a message naming the setting.
 *
 * @param nwsBaseUrl The NWS API root. Forecast links the API returns are followed only on
 * this scheme, host and port.
 * @param userAgent The User-Agent sent upstream. NWS asks for one that names the application
 * and a contact.
 * @param connectTimeout How long to wait for a connection to NWS.
 * @param readTimeout How long to wait for an NWS response.
 * @param maxRetries How many times a request is retried after a 429, a 5xx or an I/O error.
 * @param retryBackoff The wait before the first retry. It doubles on each further retry.
 * @param maxRetryDelay The longest single wait between attempts. A Retry-After longer than this
 * ends the call instead of being cut short.
 * @param cache The response caches.
 */
@ConfigurationProperties(prefix = "amagasa.weather")
public record WeatherProperties(
		@DefaultValue("https://api.weather.gov") URI nwsBaseUrl,
		@DefaultValue(WeatherProperties.DEFAULT_USER_AGENT) String userAgent,
		@DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout,
		@DefaultValue("2") int maxRetries,
		@DefaultValue("200ms") Duration retryBackoff,
		@DefaultValue("5s") Duration maxRetryDelay,
		@DefaultValue Cache cache) {

	/** Works out of the box and tells NWS operators where to look; deployments set their own contact. */
	public static final String DEFAULT_USER_AGENT = "amagasa-weather/0.1 "
			+ "(+https://github.com/amagasa; contact: set amagasa.weather.user-agent)";

	/** Ten retries with doubling backoff already spans minutes: more is a configuration mistake. */
	static final int MAX_RETRIES_LIMIT = 10;

	private static final String PREFIX = "amagasa.weather.";

	public WeatherProperties {
		requireHttpUrl(nwsBaseUrl);
		if (userAgent == null || userAgent.isBlank()) {
			throw new IllegalArgumentException(PREFIX + "user-agent must not be blank: the National Weather Service "
					+ "requires a User-Agent naming the application and a contact");
		}
		requirePositive("connect-timeout", connectTimeout);
		requirePositive("read-timeout", readTimeout);
		if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
			throw new IllegalArgumentException(PREFIX + "max-retries must be between 0 and " + MAX_RETRIES_LIMIT
					+ ", got " + maxRetries);
		}
		requirePositive("retry-backoff", retryBackoff);
		requirePositive("max-retry-delay", maxRetryDelay);
	}

	/**
	 * The two NWS response caches. Entries live as long as the upstream {@code Cache-Control} or
	 * {@code Expires} allows, and never longer than {@code maxTtl}.
	 *
	 * @param pointsMaxSize How many /points lookups to keep. 0 disables that cache.
	 * @param forecastsMaxSize How many forecasts to keep. 0 disables that cache.
	 * @param maxTtl The longest any entry is kept, whatever upstream allows. 0 disables both
	 * caches.
	 */
	public record Cache(
			@DefaultValue("1000") long pointsMaxSize,
			@DefaultValue("500") long forecastsMaxSize,
			@DefaultValue("1h") Duration maxTtl) {

		public Cache {
			requireNotNegative("cache.points-max-size", pointsMaxSize);
			requireNotNegative("cache.forecasts-max-size", forecastsMaxSize);
			if (maxTtl == null || maxTtl.isNegative()) {
				throw new IllegalArgumentException(PREFIX + "cache.max-ttl must be zero or positive, got " + maxTtl);
			}
		}

	}

	private static void requireHttpUrl(URI url) {
		String expected = "must be an absolute http or https URL without query or fragment, such as https://api.weather.gov";
		if (url == null) {
			throw new IllegalArgumentException(PREFIX + "nws-base-url " + expected);
		}
		boolean http = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
		if (!http || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
			throw new IllegalArgumentException(PREFIX + "nws-base-url " + expected + ", got '" + url + "'");
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(PREFIX + name + " must be a positive duration such as 500ms or 5s, got "
					+ value);
		}
	}

	private static void requireNotNegative(String name, long value) {
		if (value < 0) {
			throw new IllegalArgumentException(PREFIX + name + " must be zero or positive, got " + value);
		}
	}

}
