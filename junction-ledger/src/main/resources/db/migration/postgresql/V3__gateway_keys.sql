-- Gateway keys (auth.mode: keys). Only the SHA-256 of a key is kept; the key itself is shown once,
-- when it is created. Limits are per key; NULL means no limit of that kind. tasks is a comma-separated
-- list of route names the key may use, NULL for every task.

CREATE TABLE gateway_keys (
    id               TEXT             PRIMARY KEY,
    name             TEXT             NOT NULL,
    key_hash         TEXT             NOT NULL UNIQUE,
    created_at       TIMESTAMPTZ      NOT NULL,
    expires_at       TIMESTAMPTZ,
    revoked_at       TIMESTAMPTZ,
    rpm              INTEGER,
    tpm              BIGINT,
    budget_usd_day   DOUBLE PRECISION,
    budget_usd_month DOUBLE PRECISION,
    tasks            TEXT
);

-- a name names one live key; a revoked key's name may be reused
CREATE UNIQUE INDEX gateway_keys_live_name ON gateway_keys (name) WHERE revoked_at IS NULL;
