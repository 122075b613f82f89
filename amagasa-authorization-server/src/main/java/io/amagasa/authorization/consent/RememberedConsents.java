package io.amagasa.authorization.consent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.amagasa.authorization.SecurityDecision;
import io.amagasa.authorization.client.ClientDisplayInfo;
import io.amagasa.authorization.client.ClientDisplayInfoService;
import io.amagasa.authorization.token.TokenFamilyRevocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.StringUtils;

/**
 * A person's remembered consents, one per client (SBP-01: the per-user registry of approved clients),
 * as Spring Authorization Server keeps them, and their revocation. Its consent service can find, save
 * and remove a consent but not list someone's, so the list is read from its table
 * ({@code oauth2_authorization_consent}, whose {@code authorities} column holds {@code SCOPE_x} entries
 * separated by commas); the removal goes through the service.
 * <p>
 * Revoking also ends what the consent allowed: every authorization of that client for that person is
 * revoked as a token family (refresh tokens stop working at once; an access token already issued
 * expires within minutes, AS-12), so the app must ask again.
 */
final class RememberedConsents {

	private static final Logger log = LoggerFactory.getLogger(RememberedConsents.class);

	private static final String SCOPE_AUTHORITY = "SCOPE_";

	private final JdbcOperations jdbc;

	private final OAuth2AuthorizationConsentService consents;

	private final RegisteredClientRepository clients;

	private final ClientDisplayInfoService clientDisplay;

	private final TokenFamilyRevocation revocation;

	private final ScopeDescriptions scopes;

	RememberedConsents(JdbcOperations jdbc, OAuth2AuthorizationConsentService consents,
			RegisteredClientRepository clients, ClientDisplayInfoService clientDisplay,
			TokenFamilyRevocation revocation, ScopeDescriptions scopes) {
		this.jdbc = jdbc;
		this.consents = consents;
		this.clients = clients;
		this.clientDisplay = clientDisplay;
		this.revocation = revocation;
		this.scopes = scopes;
	}

	List<RememberedConsent> of(String username) {
		List<Row> rows = this.jdbc.query(
				"SELECT registered_client_id, authorities FROM oauth2_authorization_consent WHERE principal_name = ?",
				(result, n) -> new Row(result.getString(1), result.getString(2)), username);
		List<RememberedConsent> remembered = new ArrayList<>();
		for (Row row : rows) {
			RegisteredClient client = client(row.registeredClientId());
			Set<String> granted = row.scopes();
			remembered.add(new RememberedConsent(row.registeredClientId(),
					(client != null) ? this.clientDisplay.forClient(client) : null,
					this.scopes.describe(granted, Set.of())));
		}
		remembered.sort(Comparator.comparing(RememberedConsent::sortKey));
		return remembered;
	}

	/** Revokes the consent, if there is one, and what it allowed. */
	void revoke(String username, String registeredClientId) {
		List<Row> rows = this.jdbc.query(
				"SELECT registered_client_id, authorities FROM oauth2_authorization_consent "
						+ "WHERE registered_client_id = ? AND principal_name = ?",
				(result, n) -> new Row(result.getString(1), result.getString(2)), registeredClientId, username);
		if (rows.isEmpty()) {
			return;
		}
		this.consents.remove(OAuth2AuthorizationConsent.withId(registeredClientId, username)
			.authorities(authorities -> StringUtils.commaDelimitedListToSet(rows.get(0).authorities())
				.forEach(authority -> authorities.add(new SimpleGrantedAuthority(authority))))
			.build());
		RegisteredClient client = client(registeredClientId);
		List<String> authorizations = List.of();
		if (client != null) {
			// without its client an authorization can no longer be used (nor read): nothing to revoke
			authorizations = this.jdbc.queryForList("SELECT id FROM oauth2_authorization WHERE registered_client_id = ? "
					+ "AND principal_name = ? AND authorization_grant_type = ?", String.class, registeredClientId,
					username, AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
			authorizations.forEach(id -> this.revocation.revoke(id, "consent_revoked"));
		}
		SecurityDecision.of("consent", "revoked")
			.with("sub", username)
			.with("client_id", (client != null) ? client.getClientId() : registeredClientId)
			.with("authorizations_revoked", authorizations.size())
			.info(log);
	}

	/** The client, or {@code null} when it is gone or cannot be resolved now (a metadata document offline). */
	private RegisteredClient client(String registeredClientId) {
		try {
			return this.clients.findById(registeredClientId);
		}
		catch (RuntimeException unavailable) {
			log.debug("Client {} of a remembered consent is unavailable", registeredClientId, unavailable);
			return null;
		}
	}

	/**
	 * @param registeredClientId the client's internal id, posted back to revoke
	 * @param client how to present the client; {@code null} when it no longer exists or cannot be resolved
	 * @param scopes the scopes approved
	 */
	record RememberedConsent(String registeredClientId, ClientDisplayInfo client, List<ScopeDescriptions.Scope> scopes) {

		String sortKey() {
			return (this.client != null) ? this.client.clientName().toLowerCase(Locale.ROOT) : "\uffff" + this.registeredClientId;
		}

	}

	private record Row(String registeredClientId, String authorities) {

		Set<String> scopes() {
			Set<String> scopes = new TreeSet<>();
			for (String authority : StringUtils.commaDelimitedListToSet(this.authorities)) {
				if (authority.startsWith(SCOPE_AUTHORITY)) {
					scopes.add(authority.substring(SCOPE_AUTHORITY.length()));
				}
			}
			return scopes;
		}

	}

}
