package io.amagasa.resource.token;

import java.io.IOException;
import java.net.URI;

/** Where an issuer's JWK set is: configured, or read from its metadata on first use. */
@FunctionalInterface
interface JwkSetLocation {

	URI resolve() throws IOException;

}
