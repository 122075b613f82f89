package io.amagasa.weather.nws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

import io.amagasa.weather.WeatherProperties;

/**
 * The three National Weather Service calls the weather tools make, with retries and caching.
 * {@code /points} lookups and forecasts are cached as long as NWS allows; alerts are not, since
 * a stale alert is worse than a slow one.
 */
public class NwsClient {

	private final String baseUrl;

	private final URI origin;

	private final NwsRequester requester;

	private final Retrier retrier;

	private final ResponseCache<String, PointResponse> points;

	private final ResponseCache<URI, ForecastResponse> forecasts;

	public NwsClient(WeatherProperties properties) {
		String base = properties.nwsBaseUrl().toString();
		this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.origin = originOf(properties.nwsBaseUrl());
		this.requester = new NwsRequester(properties);
		this.retrier = new Retrier(properties.maxRetries(), properties.retryBackoff(), properties.maxRetryDelay());
		WeatherProperties.Cache cache = properties.cache();
		this.points = new ResponseCache<>(cache.pointsMaxSize(), cache.maxTtl());
		this.forecasts = new ResponseCache<>(cache.forecastsMaxSize(), cache.maxTtl());
	}

	/** {@code GET /points/{lat},{lon}}: the grid metadata of a point, including its forecast link. */
	public PointResponse point(Coordinates coordinates) {
		String point = coordinates.toPathSegment();
		return this.points.get(point, () -> fetch(URI.create(this.baseUrl + "/points/" + point), PointResponse.class));
	}

	/**
	 * {@code GET} a forecast link taken from a {@code /points} answer. The link is followed only
	 * when it points at the configured NWS origin, so a tampered or odd answer cannot send us to
	 * another host.
	 */
	public ForecastResponse forecast(String forecastLink) {
		Objects.requireNonNull(forecastLink, "forecastLink");
		URI uri = sameOriginLink(forecastLink);
		return this.forecasts.get(uri, () -> fetch(uri, ForecastResponse.class));
	}

	/** {@code GET /alerts/active/area/{area}} for a two-letter NWS area code such as {@code CA}. */
	public AlertsResponse activeAlerts(String area) {
		if (!area.matches("[A-Z]{2}")) {
			throw new IllegalArgumentException("NWS area must be two upper-case letters, got '" + area + "'");
		}
		return fetch(URI.create(this.baseUrl + "/alerts/active/area/" + area), AlertsResponse.class).body();
	}

	private <T extends NwsDocument> Fresh<T> fetch(URI uri, Class<T> type) {
		return this.retrier.run(() -> this.requester.get(uri, type));
	}

	private URI sameOriginLink(String link) {
		URI uri;
		try {
			uri = new URI(link);
		}
		catch (URISyntaxException ex) {
			throw new NwsException(NwsFailure.UNEXPECTED_RESPONSE, "forecast link '" + link + "' is not a URL");
		}
		if (!uri.isAbsolute() || !this.origin.equals(originOf(uri))) {
			throw new NwsException(NwsFailure.UNEXPECTED_RESPONSE,
					"forecast link '" + link + "' is not on the configured NWS origin " + this.origin);
		}
		return uri;
	}

	/** Scheme, host and effective port, compared case-insensitively as URL origins are. */
	private static URI originOf(URI uri) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
		return URI.create(scheme + "://" + host + ":" + port);
	}

}
