package io.amagasa.weather.nws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoordinatesTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			39.7456     | -97.0892     | 39.7456,-97.0892
			39.74561234 | -97.08925    | 39.7456,-97.0893
			40.0        | -75.5        | 40,-75.5
			40.10       | -74.00600    | 40.1,-74.006
			0.0         | -0.0         | 0,0
			0.00004     | -0.00005     | 0,-0.0001
			1.0E-7      | 180          | 0,180
			-90         | -180         | -90,-180
			""")
	void formatsThePointWithAtMostFourDecimalsAndNoTrailingZeros(double latitude, double longitude, String expected) {
		assertThat(new Coordinates(latitude, longitude).toPathSegment()).isEqualTo(expected);
	}

}
