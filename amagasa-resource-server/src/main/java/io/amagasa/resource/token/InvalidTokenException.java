package io.amagasa.resource.token;

import java.io.Serial;
import java.util.Objects;

/**
 * Why a token is not acceptable. Every case answers with RFC 6750 §3.1 {@code invalid_token}; the
 * {@link #reason()} tells audit and metrics which rule refused it, and the {@link #description()}
 * is safe to send as the {@code error_description}.
 */
public final class InvalidTokenException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	/** Not a JWT we can read, not an opaque token we can introspect, or a required claim is missing. */
	public static final String MALFORMED = "malformed";

	/** {@code alg} is {@code none}, symmetric (HS*), or otherwise not an accepted asymmetric algorithm. */
	public static final String UNSUPPORTED_ALGORITHM = "unsupported_algorithm";

	/**
	 * The JOSE header lists extensions in {@code crit}: RFC 7515 §4.1.11 makes such a token invalid for a
	 * recipient that does not process them, and this one processes none.
	 */
	public static final String UNSUPPORTED_CRITICAL_HEADER = "unsupported_critical_header";

	/** {@code iss} names no trusted authorization server. */
	public static final String UNTRUSTED_ISSUER = "untrusted_issuer";

	/** The signature does not verify with the issuer's key. */
	public static final String BAD_SIGNATURE = "bad_signature";

	/** The issuer publishes no key with the token's {@code kid}, even after a (rate-limited) refresh. */
	public static final String UNKNOWN_KEY = "unknown_key";

	/** {@code exp} has passed (beyond the allowed clock skew). */
	public static final String EXPIRED = "expired";

	/** {@code nbf} is still in the future (beyond the allowed clock skew). */
	public static final String NOT_YET_VALID = "not_yet_valid";

	/** {@code aud} names other resources only (RS-20). */
	public static final String AUDIENCE_MISMATCH = "audience_mismatch";

	/** The token has no {@code aud} at all (RS-20). */
	public static final String MISSING_AUDIENCE = "missing_audience";

	/** The JOSE {@code typ}, the Entra {@code ver} or the introspected {@code token_type} is not an access token of ours. */
	public static final String WRONG_TYPE = "wrong_type";

	/** An Entra token minted for another resource, such as Microsoft Graph (RS-21). */
	public static final String FOREIGN_RESOURCE_TOKEN = "foreign_resource_token";

	/** An Entra token from a tenant outside the allow-list. */
	public static final String TENANT_NOT_ALLOWED = "tenant_not_allowed";

	/** Introspection answered {@code active: false} (RFC 7662 §2.2). */
	public static final String INACTIVE = "inactive";

	/** The introspection endpoint could not be reached or answered with an error. */
	public static final String INTROSPECTION_FAILED = "introspection_failed";

	/** The issuer's JWK set (or its metadata) could not be fetched and no cached key applies. */
	public static final String JWKS_UNAVAILABLE = "jwks_unavailable";

	/** The token is longer than the configured maximum. */
	public static final String TOO_LARGE = "too_large";

	private static final int MAX_DESCRIPTION_LENGTH = 200;

	private final String reason;

	private final String description;

	public InvalidTokenException(String reason, String description) {
		this(reason, description, null);
	}

	public InvalidTokenException(String reason, String description, Throwable cause) {
		super(reason + ": " + safe(description), cause);
		this.reason = Objects.requireNonNull(reason, "reason");
		this.description = safe(description);
	}

	/** @return a stable machine code, one of the constants of this class */
	public String reason() {
		return this.reason;
	}

	/** @return a short text fit for the RFC 6750 {@code error_description} attribute */
	public String description() {
		return this.description;
	}

	/**
	 * RFC 6750 §3: error_description is limited to %x20-21 / %x23-5B / %x5D-7E, so a configured value
	 * quoted in a description (an identifier URI, say) can never break the challenge header.
	 */
	private static String safe(String text) {
		String value = (text != null) ? text : "";
		StringBuilder result = new StringBuilder(Math.min(value.length(), MAX_DESCRIPTION_LENGTH));
		for (int i = 0; i < value.length() && result.length() < MAX_DESCRIPTION_LENGTH; i++) {
			char c = value.charAt(i);
			if (c == '"') {
				result.append('\'');
			}
			else if (c < 0x20 || c > 0x7E || c == '\\') {
				result.append('?');
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

}
