-- SQLite only: the ledger is written in the gateway's own process, so every index is paid for on the
-- request path's cores. Junction's reports select by time range (llm_usage_created_at) and look rows up
-- by request id (the unique indexes); these four served only ad-hoc filters and cost ~5 us per request
-- to maintain (LedgerStoreBench: 13-16 -> 8.4 us per row). Add them back for heavy ad-hoc querying;
-- PostgreSQL keeps them, since its server pays for them.
DROP INDEX IF EXISTS llm_usage_task;
DROP INDEX IF EXISTS llm_usage_model;
DROP INDEX IF EXISTS llm_usage_customer;
DROP INDEX IF EXISTS llm_attempt_model;
