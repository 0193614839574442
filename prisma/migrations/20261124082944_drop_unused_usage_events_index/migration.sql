-- Every write to usage_events paid for this index and no query used it: re-pricing scans by
-- ("orgId", "timestamp") through the primary key, and the unpriced panel uses ("orgId", priced, model).
-- DropIndex
DROP INDEX "usage_events_orgId_provider_model_timestamp_idx";
