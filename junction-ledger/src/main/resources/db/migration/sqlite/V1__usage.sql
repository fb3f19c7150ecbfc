-- Junction usage ledger, SQLite flavour. Timestamps are UTC ISO-8601 text of fixed width
-- (2025-01-02T03:04:05.123456Z), so text order is time order and the indexes serve range scans.
-- Booleans are 0/1 integers; tags is a JSON object as text.

CREATE TABLE llm_usage (
    id                  INTEGER PRIMARY KEY,
    created_at          TEXT    NOT NULL,
    request_id          TEXT    NOT NULL UNIQUE,
    customer_id         TEXT,
    task                TEXT,
    route_primary       TEXT,
    model               TEXT,
    provider            TEXT,
    fallback            INTEGER NOT NULL DEFAULT 0,
    attempts            INTEGER NOT NULL DEFAULT 0,
    input_tokens        INTEGER NOT NULL DEFAULT 0,
    cached_input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens       INTEGER NOT NULL DEFAULT 0,
    reasoning_tokens    INTEGER NOT NULL DEFAULT 0,
    cost_usd            REAL,
    latency_ms          INTEGER NOT NULL DEFAULT 0,
    ttft_ms             INTEGER,
    stream              INTEGER NOT NULL DEFAULT 0,
    status              TEXT    NOT NULL,
    error_class         TEXT,
    tags                TEXT    NOT NULL DEFAULT '{}',
    api_key_id          TEXT
);

CREATE INDEX llm_usage_created_at ON llm_usage (created_at);
CREATE INDEX llm_usage_task       ON llm_usage (task, created_at);
CREATE INDEX llm_usage_model      ON llm_usage (model, created_at);
CREATE INDEX llm_usage_customer   ON llm_usage (customer_id, created_at);

CREATE TABLE llm_attempt (
    id            INTEGER PRIMARY KEY,
    request_id    TEXT    NOT NULL,
    ordinal       INTEGER NOT NULL,
    model         TEXT    NOT NULL,
    provider      TEXT    NOT NULL,
    outcome       TEXT    NOT NULL,
    http_status   INTEGER NOT NULL DEFAULT 0,
    latency_ms    INTEGER NOT NULL DEFAULT 0,
    input_tokens  INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd      REAL,
    UNIQUE (request_id, ordinal)
);

CREATE INDEX llm_attempt_model ON llm_attempt (model, outcome);
