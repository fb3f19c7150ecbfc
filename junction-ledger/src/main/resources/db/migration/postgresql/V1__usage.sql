-- Junction usage ledger, PostgreSQL flavour. Same columns and meanings as the SQLite file;
-- created_at is timestamptz, tags is jsonb (written as JSON text, so `tags->>'feature'` works).

CREATE TABLE llm_usage (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at          TIMESTAMPTZ      NOT NULL,
    request_id          TEXT             NOT NULL UNIQUE,
    customer_id         TEXT,
    task                TEXT,
    route_primary       TEXT,
    model               TEXT,
    provider            TEXT,
    fallback            BOOLEAN          NOT NULL DEFAULT FALSE,
    attempts            INTEGER          NOT NULL DEFAULT 0,
    input_tokens        BIGINT           NOT NULL DEFAULT 0,
    cached_input_tokens BIGINT           NOT NULL DEFAULT 0,
    output_tokens       BIGINT           NOT NULL DEFAULT 0,
    reasoning_tokens    BIGINT           NOT NULL DEFAULT 0,
    cost_usd            DOUBLE PRECISION,
    latency_ms          BIGINT           NOT NULL DEFAULT 0,
    ttft_ms             BIGINT,
    stream              BOOLEAN          NOT NULL DEFAULT FALSE,
    status              TEXT             NOT NULL,
    error_class         TEXT,
    tags                JSONB            NOT NULL DEFAULT '{}'::jsonb,
    api_key_id          TEXT
);

CREATE INDEX llm_usage_created_at ON llm_usage (created_at);
CREATE INDEX llm_usage_task       ON llm_usage (task, created_at);
CREATE INDEX llm_usage_model      ON llm_usage (model, created_at);
CREATE INDEX llm_usage_customer   ON llm_usage (customer_id, created_at);

CREATE TABLE llm_attempt (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id    TEXT             NOT NULL,
    ordinal       INTEGER          NOT NULL,
    model         TEXT             NOT NULL,
    provider      TEXT             NOT NULL,
    outcome       TEXT             NOT NULL,
    http_status   INTEGER          NOT NULL DEFAULT 0,
    latency_ms    BIGINT           NOT NULL DEFAULT 0,
    input_tokens  BIGINT           NOT NULL DEFAULT 0,
    output_tokens BIGINT           NOT NULL DEFAULT 0,
    cost_usd      DOUBLE PRECISION,
    UNIQUE (request_id, ordinal)
);

CREATE INDEX llm_attempt_model ON llm_attempt (model, outcome);
