package io.amagasa.resource.token;

/**
 * The two issuer forms of Entra access tokens (entra-id.md §3.1): v1.0
 * {@code https://sts.windows.net/{tid}/} (with its trailing slash) and v2.0
 * {@code {authority}/{tid}/v2.0}. Only the public-cloud v1.0 form is known; sovereign clouds use
 * other STS hosts for v1.0.
 *
 * @param version 1 or 2
 * @param tenant the tenant GUID in the issuer
 */
record EntraIssuer(int version, String tenant) {

	static final String V1_PREFIX = "https://sts.windows.net/";

	static final String V2_SUFFIX = "/v2.0";

	/**
	 * @param issuer an unverified {@code iss}
	 * @param authority the authority base without trailing slash
	 * @return the version and tenant, or {@code null} when {@code issuer} is no Entra issuer
	 */
	static EntraIssuer parse(String issuer, String authority) {
		if (issuer.startsWith(V1_PREFIX) && issuer.endsWith("/")) {
			return ofTenant(1, issuer.substring(V1_PREFIX.length(), issuer.length() - 1));
		}
		String v2Prefix = authority + "/";
		if (issuer.startsWith(v2Prefix) && issuer.endsWith(V2_SUFFIX)) {
			return ofTenant(2, issuer.substring(v2Prefix.length(), issuer.length() - V2_SUFFIX.length()));
		}
		return null;
	}

	/** @return the issuer Entra puts in tokens of this version for this tenant */
	static String issuer(int version, String tenant, String authority) {
		return (version == 1) ? V1_PREFIX + tenant + "/" : authority + "/" + tenant + V2_SUFFIX;
	}

	private static EntraIssuer ofTenant(int version, String tenant) {
		return EntraProfile.GUID.matcher(tenant).matches() ? new EntraIssuer(version, tenant) : null;
	}

}
