-- Sign-in sessions (a session cookie, or a family of bearer and refresh tokens) that the server can end:
-- signing out ends its session, and a refresh token used twice ends its whole family. Every request
-- checks that its session is still here and not revoked. Times are Unix milliseconds (UTC).
CREATE TABLE auth_sessions (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    user_id VARCHAR(36) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT NULL,
    revoked_reason VARCHAR(40) NULL
);
CREATE INDEX ix_auth_sessions_user_id ON auth_sessions (user_id);
CREATE INDEX ix_auth_sessions_expires_at ON auth_sessions (expires_at);

-- Each refresh token ever issued, by id (the token itself is never stored): single use.
CREATE TABLE refresh_tokens (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    session_id VARCHAR(36) NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT NULL
);
CREATE INDEX ix_refresh_tokens_session_id ON refresh_tokens (session_id);
CREATE INDEX ix_refresh_tokens_expires_at ON refresh_tokens (expires_at);
