package io.amagasa.server.security;

import java.net.URI;

/**
 * The embedded authorization server as the MCP endpoint's trusted issuer.
 *
 * @param issuer its issuer identifier, named in the Protected Resource Metadata (RS-07)
 * @param jwkSetUri where the resource server reads its keys
 */
record EmbeddedIssuer(String issuer, URI jwkSetUri) {

}
