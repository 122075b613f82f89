-- The clients registered from configuration (amagasa.authorization-server.clients), so that one removed from
-- the configuration is deleted at the next start.
CREATE TABLE amagasa_configured_client (
    client_id varchar(2048) NOT NULL,
    registered_client_id varchar(100) NOT NULL,
    PRIMARY KEY (client_id)
);
