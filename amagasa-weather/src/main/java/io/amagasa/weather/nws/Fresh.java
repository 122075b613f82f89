package io.amagasa.weather.nws;

import java.time.Duration;

/** A successful NWS response body and how long it may be reused (zero: not at all). */
record Fresh<T>(T body, Duration lifetime) {
}
