-- When each authorization row was written first, by the database's clock. Spring Authorization Server
-- keeps no such time, and an authorization waiting for consent has no code or token whose expiry could
-- say when it is abandoned: without it, every consent page never answered would stay for ever. Spring's
-- statements name their columns, so they neither read nor write this one; rows that exist when it is
-- added count from then. No index: every refresh-token rotation updates indexed columns of its row, so
-- each index costs every rotation a write, and the cleanup finds pending consents by the state index.
ALTER TABLE oauth2_authorization ADD COLUMN created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL;
