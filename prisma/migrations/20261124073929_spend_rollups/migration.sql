-- CreateTable
CREATE TABLE "spend_rollups" (
    "orgId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
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

    CONSTRAINT "spend_rollups_pkey" PRIMARY KEY ("orgId","hour","team","feature","provider","model","customer","environment","serviceTier")
);

-- CreateTable
CREATE TABLE "rollup_deltas" (
    "id" BIGSERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "team" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "customer" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "serviceTier" TEXT NOT NULL,
    "events" BIGINT NOT NULL,
    "unpricedEvents" BIGINT NOT NULL,
    "errorEvents" BIGINT NOT NULL,
    "requests" BIGINT NOT NULL,
    "inputTokens" BIGINT NOT NULL,
    "outputTokens" BIGINT NOT NULL,
    "cachedInputTokens" BIGINT NOT NULL,
    "cacheWriteTokens" BIGINT NOT NULL,
    "reasoningTokens" BIGINT NOT NULL,
    "costPico" DECIMAL(38,0) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rollup_deltas_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "spend_rollups_orgId_team_hour_idx" ON "spend_rollups"("orgId", "team", "hour");

-- CreateIndex
CREATE INDEX "spend_rollups_orgId_customer_hour_idx" ON "spend_rollups"("orgId", "customer", "hour");

-- CreateIndex
CREATE INDEX "rollup_deltas_orgId_id_idx" ON "rollup_deltas"("orgId", "id");
