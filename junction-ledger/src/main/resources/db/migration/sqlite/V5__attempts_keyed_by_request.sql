-- SQLite only: llm_attempt becomes one B-tree keyed by (request_id, ordinal) instead of a rowid table
-- plus a unique index on the same pair, so writing an attempt is one B-tree insert rather than two
-- (the ledger is written on the gateway's own cores). Rows, columns and the uniqueness stay the same;
-- the unused surrogate id goes. Rows are copied once, at the first start of this version.
CREATE TABLE llm_attempt_by_request (
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
    PRIMARY KEY (request_id, ordinal)
) WITHOUT ROWID;
INSERT INTO llm_attempt_by_request (request_id, ordinal, model, provider, outcome, http_status, latency_ms,
                                    input_tokens, output_tokens, cost_usd)
SELECT request_id, ordinal, model, provider, outcome, http_status, latency_ms, input_tokens, output_tokens, cost_usd
FROM llm_attempt;
DROP TABLE llm_attempt;
ALTER TABLE llm_attempt_by_request RENAME TO llm_attempt;
