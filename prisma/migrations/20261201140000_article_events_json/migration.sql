-- An event's data is kept as the JSON text it was written as (json, not jsonb): a catch-up of
-- a thousand events sends it on as it is, where jsonb's binary form was printed again on every
-- read. Nothing queries inside it.
ALTER TABLE "article_events" ALTER COLUMN "data" SET DATA TYPE JSON USING "data"::json;
