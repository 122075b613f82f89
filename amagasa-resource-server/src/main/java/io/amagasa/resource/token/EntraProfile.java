package io.amagasa.resource.token;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How to accept access tokens that Microsoft Entra ID issues for one API app registration.
 *
 * @param tenantId the home tenant GUID, or {@code organizations} / {@code common} for a multi-tenant
 * API
 * @param apiClientId the API app registration's client id (a GUID); v2.0 tokens carry it as
 * {@code aud}
 * @param identifierUri the Application ID URI, e.g. {@code api://<guid>}; delegated scopes are
 * named {@code <identifierUri>/<scp>}
 * @param allowedTenants tenant GUIDs whose tokens are accepted; empty means only {@code tenantId}
 * (for {@code organizations}: any work or school tenant; for {@code common}: any tenant)
 * @param acceptedVersions access token versions to accept, a non-empty subset of {1, 2}
 * @param authorityBase the Entra authority, {@code https://login.microsoftonline.com} when
 * {@code null}
 */
public record EntraProfile(String tenantId, String apiClientId, String identifierUri, Set<String> allowedTenants,
		Set<Integer> acceptedVersions, URI authorityBase) {

	/** The public-cloud authority. */
	public static final URI DEFAULT_AUTHORITY_BASE = URI.create("https://login.microsoftonline.com");

	static final Pattern GUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	static final String ORGANIZATIONS = "organizations";

	static final String COMMON = "common";

	public EntraProfile {
		tenantId = Objects.requireNonNull(tenantId, "tenantId").toLowerCase(Locale.ROOT);
		if (!GUID.matcher(tenantId).matches() && !ORGANIZATIONS.equals(tenantId) && !COMMON.equals(tenantId)) {
			throw new IllegalArgumentException(
					"Entra tenantId must be a tenant GUID, 'organizations' or 'common', not '" + tenantId + "'");
		}
		apiClientId = guid(apiClientId, "apiClientId");
		if (identifierUri == null || identifierUri.isBlank() || identifierUri.endsWith("/")) {
			// Entra compares identifier URIs byte for byte; a trailing slash fails AADSTS9010010
			throw new IllegalArgumentException("Entra identifierUri must be non-empty without a trailing slash, not '"
					+ identifierUri + "'");
		}
		allowedTenants = (allowedTenants != null)
				? allowedTenants.stream().map((tenant) -> guid(tenant, "allowedTenants")).collect(Collectors.toUnmodifiableSet())
				: Set.of();
		acceptedVersions = (acceptedVersions != null) ? Set.copyOf(acceptedVersions) : Set.of(1, 2);
		if (acceptedVersions.isEmpty() || !Set.of(1, 2).containsAll(acceptedVersions)) {
			throw new IllegalArgumentException("Entra acceptedVersions must be a non-empty subset of {1, 2}, not "
					+ acceptedVersions);
		}
		authorityBase = (authorityBase != null) ? authorityBase : DEFAULT_AUTHORITY_BASE;
	}

	/**
	 * A single-tenant profile accepting v1.0 and v2.0 tokens from the public cloud.
	 * @param tenantId the tenant GUID
	 * @param apiClientId the API app registration's client id
	 * @param identifierUri the Application ID URI
	 * @return the profile
	 */
	public static EntraProfile of(String tenantId, String apiClientId, String identifierUri) {
		return new EntraProfile(tenantId, apiClientId, identifierUri, Set.of(), Set.of(1, 2), DEFAULT_AUTHORITY_BASE);
	}

	private static String guid(String value, String name) {
		if (value == null || !GUID.matcher(value).matches()) {
			throw new IllegalArgumentException("Entra " + name + " must be a GUID, not '" + value + "'");
		}
		return value.toLowerCase(Locale.ROOT);
	}

}
