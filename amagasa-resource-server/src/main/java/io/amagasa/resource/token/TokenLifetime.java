package io.amagasa.resource.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time window of a token: {@code exp} (RFC 7519 §4.1.4) and {@code nbf} (§4.1.5), each with
 * the same bounded clock skew. Hand-written rather than Nimbus' {@code DefaultJWTClaimsVerifier}
 * or Spring's {@code JwtTimestampValidator} because introspection results need the same rule and
 * audit needs "expired" told apart from "not yet valid".
 */
final class TokenLifetime {

	private final Duration skew;

	private final Clock clock;

	TokenLifetime(Duration skew, Clock clock) {
		this.skew = skew;
		this.clock = clock;
	}

	/**
	 * @param expiresAt {@code exp}, or {@code null}
	 * @param notBefore {@code nbf}, or {@code null}
	 * @param expiryRequired whether a missing {@code exp} refuses the token (JWT access tokens,
	 * RFC 9068 §2.2) or not (RFC 7662 §2.2 makes it optional)
	 */
	void verify(Instant expiresAt, Instant notBefore, boolean expiryRequired) {
		Instant now = this.clock.instant();
		if (expiresAt == null) {
			if (expiryRequired) {
				throw new InvalidTokenException(InvalidTokenException.MALFORMED, "The access token has no expiry (exp)");
			}
		}
		else if (!now.isBefore(expiresAt.plus(this.skew))) {
			throw new InvalidTokenException(InvalidTokenException.EXPIRED, "The access token expired");
		}
		if (notBefore != null && now.plus(this.skew).isBefore(notBefore)) {
			throw new InvalidTokenException(InvalidTokenException.NOT_YET_VALID, "The access token is not valid yet");
		}
	}

}
