package io.amagasa.weather.nws;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A point on Earth as the NWS {@code /points} endpoint wants it.
 *
 * @param latitude degrees north
 * @param longitude degrees east
 */
public record Coordinates(double latitude, double longitude) {

	/** NWS answers a point with more decimals by redirecting to the 4-decimal one (~11 m). */
	private static final int NWS_DECIMALS = 4;

	/** The {@code {lat},{lon}} path segment: at most 4 decimals, no trailing zeros, e.g. {@code 39.7456,-97.0892}. */
	public String toPathSegment() {
		return format(this.latitude) + "," + format(this.longitude);
	}

	private static String format(double degrees) {
		return BigDecimal.valueOf(degrees)
			.setScale(NWS_DECIMALS, RoundingMode.HALF_UP)
			.stripTrailingZeros()
			.toPlainString();
	}

}
