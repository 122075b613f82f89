/**
 * Bearer token to verified {@link io.amagasa.resource.token.Caller} (RS-19..RS-22): JWT access
 * tokens of trusted issuers (RFC 9068) checked against their JWK sets, opaque tokens through
 * introspection (RFC 7662), and Microsoft Entra ID access tokens with Entra's own rules. Start at
 * {@link io.amagasa.resource.token.AccessTokenVerifierBuilder}.
 */
package io.amagasa.resource.token;
