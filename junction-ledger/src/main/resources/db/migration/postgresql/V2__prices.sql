-- The served model's prices (USD per million tokens) that produced cost_usd, kept with each row so
-- old rows keep their meaning when the catalog changes. Null when the model had no known price.
ALTER TABLE llm_usage ADD COLUMN input_price_per_mtok        DOUBLE PRECISION;
ALTER TABLE llm_usage ADD COLUMN output_price_per_mtok       DOUBLE PRECISION;
ALTER TABLE llm_usage ADD COLUMN cached_input_price_per_mtok DOUBLE PRECISION;
