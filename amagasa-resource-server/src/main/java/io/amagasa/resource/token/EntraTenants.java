package io.amagasa.resource.token;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which Entra tenants may call. Single-tenant: the home tenant plus any allowed ones.
 * Multi-tenant: the allowed tenants, or when none are listed any tenant the authority admits,
 * which for {@code organizations} excludes the personal Microsoft account tenant.
 */
final class EntraTenants {

	/** The tenant of personal Microsoft accounts (access-token-claims-reference, tid). */
	static final String CONSUMERS = "9188040d-6c67-4c5b-b112-36a304b66dad";

	private final Set<String> allowed;

	private final boolean consumersExcluded;

	EntraTenants(EntraProfile profile) {
		boolean multiTenant = EntraProfile.ORGANIZATIONS.equals(profile.tenantId())
				|| EntraProfile.COMMON.equals(profile.tenantId());
		Set<String> tenants = new HashSet<>(profile.allowedTenants());
		if (!multiTenant) {
			tenants.add(profile.tenantId());
		}
		this.allowed = Set.copyOf(tenants);
		this.consumersExcluded = EntraProfile.ORGANIZATIONS.equals(profile.tenantId());
	}

	boolean allows(String tenant) {
		String id = tenant.toLowerCase(Locale.ROOT);
		if (!this.allowed.isEmpty()) {
			return this.allowed.contains(id);
		}
		return !(this.consumersExcluded && CONSUMERS.equals(id));
	}

}
