-- Hourly spend by API key for every organisation (the anomalies worker's apiKey monitors).
-- rollup_deltas carries the key that sent the events; the rollup fold adds it into api_key_spend
-- in the statement that folds the rollups (lib/rollups/fold-deltas.ts).

-- AlterTable. First: its ACCESS EXCLUSIVE lock on rollup_deltas (held to the end of this migration's
-- transaction) waits for the ingest and re-pricing statements in flight, which write rollup_deltas,
-- and holds new ones until commit. So the backfill below sees every event whose deltas have no
-- apiKeyId (those written before this column: the fold leaves them out of api_key_spend), and every
-- event after it writes deltas with its key: each event counts once.
ALTER TABLE "rollup_deltas" ADD COLUMN     "apiKeyId" TEXT;

-- CreateTable
CREATE TABLE "api_key_spend" (
    "orgId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "costPico" DECIMAL(38,0) NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_key_spend_pkey" PRIMARY KEY ("orgId","hour","apiKeyId")
);

-- Backfill from the raw events (one pass over usage_events; ingest waits for it, see above), so
-- existing organisations get their API keys' history, and their monitors, at once.
INSERT INTO "api_key_spend" ("orgId", "hour", "apiKeyId", "costPico")
SELECT "orgId", date_trunc('hour', "timestamp", 'UTC'), "apiKeyId", coalesce(sum("costPico"), 0)
  FROM "usage_events" WHERE "apiKeyId" IS NOT NULL
 GROUP BY 1, 2, 3;
