package io.amagasa.authorization.client.cimd;

import java.time.Duration;
import java.time.Instant;

import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** How long a document is cached, from its headers (AS-23, CIMD §4.4, RFC 9111 §4.2). */
class MetadataCacheLifetimeTests {

	static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	static final Duration DEFAULT = Duration.ofMinutes(5);

	static final Duration MAX = Duration.ofHours(24);

	static Duration lifetime(String... headers) {
		BasicHttpResponse response = new BasicHttpResponse(200);
		for (int i = 0; i < headers.length; i += 2) {
			response.addHeader(headers[i], headers[i + 1]);
		}
		return MetadataCacheLifetime.of(response, NOW, DEFAULT, MAX);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			max-age=600                    | PT10M
			public, max-age=60             | PT1M
			private, max-age=60            | PT1M
			max-age="120"                  | PT2M
			s-maxage=999, max-age=60       | PT1M
			max-age=0                      | PT0S
			max-age=abc                    | PT0S
			max-age=-5                     | PT0S
			no-store                       | PT0S
			no-store, max-age=600          | PT0S
			max-age=600, no-cache          | PT0S
			max-age=31536000               | PT24H
			must-revalidate                | PT5M
			""")
	@DisplayName("Cache-Control: max-age counts, no-store and no-cache forbid caching, the maximum caps")
	void cacheControl(String cacheControl, Duration expected) {
		assertThat(lifetime("Cache-Control", cacheControl)).isEqualTo(expected);
	}

	@Test
	@DisplayName("Several Cache-Control headers are read together")
	void severalHeaders() {
		assertThat(lifetime("Cache-Control", "public", "Cache-Control", "max-age=90")).isEqualTo(Duration.ofSeconds(90));
		assertThat(lifetime("Cache-Control", "max-age=90", "Cache-Control", "no-store")).isZero();
	}

	@Test
	@DisplayName("Expires counts from Date (clock skew cancels out), or from now without Date; an invalid Expires is expired")
	void expires() {
		String date = DateUtils.formatStandardDate(NOW.minusSeconds(3600));
		String expires = DateUtils.formatStandardDate(NOW.minusSeconds(3600).plusSeconds(120));
		assertThat(lifetime("Date", date, "Expires", expires)).isEqualTo(Duration.ofMinutes(2));
		assertThat(lifetime("Expires", DateUtils.formatStandardDate(NOW.plusSeconds(300)))).isEqualTo(Duration.ofMinutes(5));
		assertThat(lifetime("Expires", DateUtils.formatStandardDate(NOW.minusSeconds(1)))).isZero();
		assertThat(lifetime("Expires", "0")).isZero();
		assertThat(lifetime("Cache-Control", "max-age=30", "Expires", DateUtils.formatStandardDate(NOW.plusSeconds(300))))
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	@DisplayName("Age is subtracted; no caching headers at all gives the default")
	void ageAndDefault() {
		assertThat(lifetime("Cache-Control", "max-age=600", "Age", "100")).isEqualTo(Duration.ofSeconds(500));
		assertThat(lifetime("Cache-Control", "max-age=60", "Age", "100")).isZero();
		assertThat(lifetime()).isEqualTo(DEFAULT);
	}

}
