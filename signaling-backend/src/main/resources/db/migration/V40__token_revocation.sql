-- Revocation (see the README's security notes).
-- Signed-out doctor tokens, by token id (the JWT's jti), until the token would have expired anyway: a row past its
-- expires_at can never match a token that still verifies, so the backend deletes such rows as it goes.
CREATE TABLE revoked_tokens (
    token_id   VARCHAR(100) PRIMARY KEY,
    revoked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX revoked_tokens_revoked ON revoked_tokens (revoked_at);
CREATE INDEX revoked_tokens_expires ON revoked_tokens (expires_at);

-- The version of an appointment's join link, carried in the patient token: sending a new link raises it, and a
-- token of a lower version is refused (LINK_REPLACED). Links issued before this column existed carry none and
-- count as version 1.
ALTER TABLE appointments ADD COLUMN link_version INTEGER DEFAULT 1 NOT NULL;
