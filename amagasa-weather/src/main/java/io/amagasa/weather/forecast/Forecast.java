package io.amagasa.weather.forecast;

import java.util.List;

/**
 * The structured content of {@code get_forecast} (the quickstart's {@code Forecast} model).
 *
 * @param latitude the latitude asked for
 * @param longitude the longitude asked for
 * @param periods at most five periods, soonest first
 */
public record Forecast(double latitude, double longitude, List<ForecastPeriod> periods) {
}
