-- AlterTable
ALTER TABLE "model_prices" ADD COLUMN     "sources" TEXT,
ADD COLUMN     "timeOfDay" JSONB;

-- CreateTable
CREATE TABLE "price_sync_runs" (
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "sourceUrl" TEXT NOT NULL,
    "contentHash" TEXT,
    "diff" JSONB,
    "entries" JSONB,
    "issues" JSONB,
    "impact" JSONB,
    "error" TEXT,
    "importId" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "price_sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "price_sync_runs_status_createdAt_idx" ON "price_sync_runs"("status", "createdAt");
