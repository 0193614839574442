-- CreateTable
CREATE TABLE "spend_rollups_daily" (
    "orgId" TEXT NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "team" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "customer" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "serviceTier" TEXT NOT NULL,
    "events" BIGINT NOT NULL DEFAULT 0,
    "unpricedEvents" BIGINT NOT NULL DEFAULT 0,
    "errorEvents" BIGINT NOT NULL DEFAULT 0,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cachedInputTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
    "reasoningTokens" BIGINT NOT NULL DEFAULT 0,
    "costPico" DECIMAL(38,0) NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spend_rollups_daily_pkey" PRIMARY KEY ("orgId","day","team","feature","provider","model","customer","environment","serviceTier")
);

-- CreateIndex
CREATE INDEX "spend_rollups_daily_orgId_team_day_idx" ON "spend_rollups_daily"("orgId", "team", "day");
