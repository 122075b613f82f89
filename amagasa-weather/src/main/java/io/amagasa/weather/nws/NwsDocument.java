package io.amagasa.weather.nws;

/** An NWS response body that can tell whether the parts the tools rely on are present. */
interface NwsDocument {

	boolean hasRequiredFields();

}
