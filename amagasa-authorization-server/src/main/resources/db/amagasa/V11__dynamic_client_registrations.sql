-- Dynamic Client Registration (RFC 7591; AS-27, AS-28): which clients registered themselves, when,
-- and whether they were ever used. The client itself is a row of oauth2_registered_client.
-- Counted for the registration cap; registrations never used are deleted after a configurable time.
CREATE TABLE amagasa_dynamic_client (
    registered_client_id varchar(100) NOT NULL,
    registered_at        timestamp with time zone NOT NULL,
    first_used_at        timestamp with time zone,
    PRIMARY KEY (registered_client_id)
);

CREATE INDEX amagasa_dynamic_client_unused ON amagasa_dynamic_client (first_used_at, registered_at);
