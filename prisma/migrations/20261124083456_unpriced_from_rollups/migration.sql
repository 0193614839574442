-- The unpriced panel now reads spend_rollups."unpricedEvents"; usage_events keeps only its primary
-- key, so each ingested event maintains one index less.
-- DropIndex
DROP INDEX "usage_events_orgId_priced_model_idx";
