-- Redeemed one-time credentials (authorization codes, refresh tokens) by SHA-256 (hex) of their value. The
-- primary key makes redemption a compare-and-set across instances; successor_hash names the refresh token
-- issued in exchange, for the reuse grace window.
CREATE TABLE amagasa_token_redemption (
    token_hash varchar(64) NOT NULL,
    authorization_id varchar(100) NOT NULL,
    redeemed_at timestamp with time zone NOT NULL,
    successor_hash varchar(64) DEFAULT NULL,
    expires_at timestamp with time zone NOT NULL,
    PRIMARY KEY (token_hash)
);

CREATE INDEX amagasa_token_redemption_expires_at ON amagasa_token_redemption (expires_at);
