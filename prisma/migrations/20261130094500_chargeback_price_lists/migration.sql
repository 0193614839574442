-- Price lists per party (chargeback markup by a different price list), frozen with each closed period.
ALTER TABLE "chargeback_settings" ADD COLUMN "priceLists" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "chargeback_periods" ADD COLUMN "priceLists" JSONB NOT NULL DEFAULT '{}';
