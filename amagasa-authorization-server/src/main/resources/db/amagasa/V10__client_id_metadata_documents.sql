-- Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document; AS-15..AS-26).
-- A metadata-document client's RegisteredClient.id is 'cimd_' + base64url(SHA-256(client_id URL)).
-- Authorizations and consents store that id, and Spring Authorization Server looks the client up by
-- it again; this table maps it back to the URL so the document can be resolved on any instance.
-- It holds no metadata: the document itself stays the only source of truth.
CREATE TABLE amagasa_cimd_client (
    id                varchar(100)  NOT NULL,
    client_id         varchar(2048) NOT NULL,
    first_resolved_at timestamp with time zone NOT NULL,
    PRIMARY KEY (id)
);
