package io.amagasa.authorization.client.registration;

import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

/**
 * An H2 database with Spring Authorization Server's JDBC schema (as shipped in its jar) and our
 * migrations V10 and V11, independent of the migrations other parts of the server add.
 */
final class SasSchema {

	static final String[] SCRIPTS = {
			"org/springframework/security/oauth2/server/authorization/client/oauth2-registered-client-schema.sql",
			"org/springframework/security/oauth2/server/authorization/oauth2-authorization-schema.sql",
			"org/springframework/security/oauth2/server/authorization/oauth2-authorization-consent-schema.sql",
			"db/amagasa/V10__client_id_metadata_documents.sql", "db/amagasa/V11__dynamic_client_registrations.sql" };

	private SasSchema() {
	}

	static EmbeddedDatabase database() {
		return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.addScripts(SCRIPTS)
			.build();
	}

}
