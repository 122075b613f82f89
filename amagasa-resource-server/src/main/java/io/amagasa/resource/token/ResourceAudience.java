package io.amagasa.resource.token;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The audience rule of RS-20 (RFC 8707 §2, RFC 9068 §4): a token is for us only if its {@code aud}
 * names one of our identifiers. Following RS-22, URIs are compared after lower-casing their scheme
 * and host, and nothing else is tolerated: no trailing-slash, default-port, path-case or
 * percent-encoding equivalence. Values that are not {@code scheme://authority} URIs (an Entra
 * client id GUID, say) are compared exactly.
 */
final class ResourceAudience {

	private final Set<String> accepted;

	ResourceAudience(Collection<String> audiences) {
		this.accepted = audiences.stream().map(ResourceAudience::normalize).collect(Collectors.toUnmodifiableSet());
	}

	void verify(List<String> audience) {
		if (audience == null || audience.isEmpty()) {
			throw new InvalidTokenException(InvalidTokenException.MISSING_AUDIENCE,
					"The access token has no audience (aud)");
		}
		for (String value : audience) {
			if (value != null && this.accepted.contains(normalize(value))) {
				return;
			}
		}
		throw new InvalidTokenException(InvalidTokenException.AUDIENCE_MISMATCH,
				"The access token was issued for another resource");
	}

	/**
	 * Lower-cases the scheme and the host of a {@code scheme://authority...} value; user info, port,
	 * path, query and fragment are kept as they are. Hand-written because {@link java.net.URI}
	 * normalisation does more (or, for its equality, other things) than RS-22 allows.
	 */
	static String normalize(String value) {
		int schemeEnd = value.indexOf("://");
		if (schemeEnd <= 0 || !isScheme(value, schemeEnd)) {
			return value;
		}
		int authorityStart = schemeEnd + 3;
		int authorityEnd = authorityStart;
		while (authorityEnd < value.length() && "/?#".indexOf(value.charAt(authorityEnd)) < 0) {
			authorityEnd++;
		}
		int hostStart = value.lastIndexOf('@', authorityEnd - 1) + 1;
		if (hostStart < authorityStart) {
			hostStart = authorityStart;
		}
		return value.substring(0, schemeEnd).toLowerCase(Locale.ROOT) + value.substring(schemeEnd, hostStart)
				+ value.substring(hostStart, authorityEnd).toLowerCase(Locale.ROOT) + value.substring(authorityEnd);
	}

	/** RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
	private static boolean isScheme(String value, int end) {
		if (!Character.isLetter(value.charAt(0)) || value.charAt(0) > 0x7F) {
			return false;
		}
		for (int i = 1; i < end; i++) {
			char c = value.charAt(i);
			boolean allowed = (c < 0x80) && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.');
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

}
