-- usage_events is partitioned by month on "timestamp" so that old months can be detached and
-- archived, and so that a month's index stays small. Prisma cannot declare partitioning, so this
-- migration re-creates the (still empty) table with the same columns, keys and indexes as
-- PARTITION BY RANGE. Its primary key includes the partition key; idempotency of ingest lives in
-- event_keys, which is not partitioned.
DROP TABLE "usage_events";

CREATE TABLE "usage_events" (
    "orgId" TEXT NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "eventId" TEXT NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "pricedModel" TEXT,
    "inputTokens" INTEGER NOT NULL,
    "outputTokens" INTEGER NOT NULL,
    "cachedInputTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheWriteTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheTtl" TEXT,
    "reasoningTokens" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 1,
    "images" INTEGER NOT NULL DEFAULT 0,
    "audioMillis" INTEGER NOT NULL DEFAULT 0,
    "serviceTier" TEXT NOT NULL DEFAULT 'standard',
    "team" TEXT,
    "feature" TEXT,
    "customer" TEXT,
    "environment" TEXT,
    "endUser" TEXT,
    "tags" JSONB,
    "latencyMs" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'success',
    "requestId" TEXT,
    "costPico" BIGINT,
    "reportedCostPico" BIGINT,
    "costMismatch" BOOLEAN NOT NULL DEFAULT false,
    "priced" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "usage_events_pkey" PRIMARY KEY ("orgId","timestamp","id")
) PARTITION BY RANGE ("timestamp");

CREATE INDEX "usage_events_orgId_priced_model_idx" ON "usage_events"("orgId", "priced", "model");
CREATE INDEX "usage_events_orgId_provider_model_timestamp_idx" ON "usage_events"("orgId", "provider", "model", "timestamp");

-- Creates the monthly partitions covering [from_month, from_month + months).
CREATE OR REPLACE FUNCTION burnrate_ensure_usage_partitions(from_month date, months integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', from_month)::date;
  created integer := 0;
  name text;
BEGIN
  FOR i IN 0..months - 1 LOOP
    name := format('usage_events_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM'));
    IF to_regclass(name) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF "usage_events" FOR VALUES FROM (%L) TO (%L)',
                     name, m::text || ' 00:00:00+00', (m + interval '1 month')::date::text || ' 00:00:00+00');
      created := created + 1;
    END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
  RETURN created;
END $$;

-- Rows outside every monthly partition (far backfill) land here rather than being refused.
CREATE TABLE "usage_events_default" PARTITION OF "usage_events" DEFAULT;

-- Two years back (backfill) and a year ahead; the worker's maintenance job keeps extending it.
SELECT burnrate_ensure_usage_partitions((date_trunc('month', now()) - interval '24 months')::date, 37);
