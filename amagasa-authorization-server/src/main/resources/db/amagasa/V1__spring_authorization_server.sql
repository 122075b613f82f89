-- Spring Authorization Server's tables (oauth2-registered-client-schema.sql, oauth2-authorization-schema.sql
-- and oauth2-authorization-consent-schema.sql of spring-security-oauth2-authorization-server 7.0.6), portable
-- to H2 2.x and PostgreSQL 15:
--   * blob -> varchar without a length (unbounded on both). JdbcOAuth2AuthorizationService reads each column's
--     JDBC type and binds parameters of that type; it looks tokens up with '=' (access_token_value = ?),
--     which H2 refuses on CLOB, the type 'text' has there.
--   * timestamp -> timestamp with time zone: instances in different time zones read the same instants.
--   * client_id, client_name, redirect_uris: room for client ids that are URLs (Client ID Metadata Documents).

CREATE TABLE oauth2_registered_client (
    id varchar(100) NOT NULL,
    client_id varchar(2048) NOT NULL,
    client_id_issued_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret varchar(200) DEFAULT NULL,
    client_secret_expires_at timestamp with time zone DEFAULT NULL,
    client_name varchar(1000) NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types varchar(1000) NOT NULL,
    redirect_uris varchar(8000) DEFAULT NULL,
    post_logout_redirect_uris varchar(8000) DEFAULT NULL,
    scopes varchar(4000) NOT NULL,
    client_settings varchar(8000) NOT NULL,
    token_settings varchar(8000) NOT NULL,
    PRIMARY KEY (id)
);

-- Spring checks uniqueness before inserting; the constraint holds when two instances insert at once.
CREATE UNIQUE INDEX oauth2_registered_client_client_id ON oauth2_registered_client (client_id);

CREATE TABLE oauth2_authorization (
    id varchar(100) NOT NULL,
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorization_grant_type varchar(100) NOT NULL,
    authorized_scopes varchar(4000) DEFAULT NULL,
    attributes varchar DEFAULT NULL,
    state varchar(500) DEFAULT NULL,
    authorization_code_value varchar DEFAULT NULL,
    authorization_code_issued_at timestamp with time zone DEFAULT NULL,
    authorization_code_expires_at timestamp with time zone DEFAULT NULL,
    authorization_code_metadata varchar DEFAULT NULL,
    access_token_value varchar DEFAULT NULL,
    access_token_issued_at timestamp with time zone DEFAULT NULL,
    access_token_expires_at timestamp with time zone DEFAULT NULL,
    access_token_metadata varchar DEFAULT NULL,
    access_token_type varchar(100) DEFAULT NULL,
    access_token_scopes varchar(4000) DEFAULT NULL,
    oidc_id_token_value varchar DEFAULT NULL,
    oidc_id_token_issued_at timestamp with time zone DEFAULT NULL,
    oidc_id_token_expires_at timestamp with time zone DEFAULT NULL,
    oidc_id_token_metadata varchar DEFAULT NULL,
    refresh_token_value varchar DEFAULT NULL,
    refresh_token_issued_at timestamp with time zone DEFAULT NULL,
    refresh_token_expires_at timestamp with time zone DEFAULT NULL,
    refresh_token_metadata varchar DEFAULT NULL,
    user_code_value varchar DEFAULT NULL,
    user_code_issued_at timestamp with time zone DEFAULT NULL,
    user_code_expires_at timestamp with time zone DEFAULT NULL,
    user_code_metadata varchar DEFAULT NULL,
    device_code_value varchar DEFAULT NULL,
    device_code_issued_at timestamp with time zone DEFAULT NULL,
    device_code_expires_at timestamp with time zone DEFAULT NULL,
    device_code_metadata varchar DEFAULT NULL,
    PRIMARY KEY (id)
);

-- The lookups of the authorization and token endpoints (state at consent, code, refresh token), and per client
-- or user. Access tokens (JWTs of a kilobyte or more) are looked up only at introspection and revocation and
-- stay unindexed: a PostgreSQL b-tree entry is limited to about 2.7 kB.
CREATE INDEX oauth2_authorization_state ON oauth2_authorization (state);
CREATE INDEX oauth2_authorization_code ON oauth2_authorization (authorization_code_value);
CREATE INDEX oauth2_authorization_refresh_token ON oauth2_authorization (refresh_token_value);
CREATE INDEX oauth2_authorization_client ON oauth2_authorization (registered_client_id);
CREATE INDEX oauth2_authorization_principal ON oauth2_authorization (principal_name);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorities varchar(4000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);
