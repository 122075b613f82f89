-- When each authorization row was written first, by the database's clock. Spring Authorization Server
-- keeps no such time, and an authorization waiting for consent has no code or token whose expiry could
-- say when it is abandoned: without it, every consent page never answered would stay for ever. Spring's
-- statements name their columns, so they neither read nor write this one; rows that exist when it is
-- added count from then.
ALTER TABLE oauth2_authorization ADD COLUMN created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL;

CREATE INDEX oauth2_authorization_created_at ON oauth2_authorization (created_at);
