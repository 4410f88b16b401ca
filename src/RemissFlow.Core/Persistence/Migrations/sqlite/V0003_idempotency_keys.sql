-- Idempotency-Key replay store for the JSON API: the same key from the same user returns the first
-- response instead of running the command again, across restarts and app instances.
CREATE TABLE idempotency_keys (
    scope VARCHAR(64) NOT NULL,
    idem_key VARCHAR(200) NOT NULL,
    request_hash VARCHAR(64) NOT NULL,
    status_code INTEGER NULL,
    content_type VARCHAR(200) NULL,
    location VARCHAR(2000) NULL,
    body BLOB NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX ix_idempotency_keys_expires_at ON idempotency_keys (expires_at);
