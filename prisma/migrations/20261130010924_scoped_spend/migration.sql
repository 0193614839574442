-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "tracksScopedSpend" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "usage_events" ADD COLUMN     "apiKeyId" TEXT;

-- CreateTable
CREATE TABLE "scoped_spend" (
    "orgId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "endUser" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "customer" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "costPico" DECIMAL(38,0) NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scoped_spend_pkey" PRIMARY KEY ("orgId","hour","endUser","apiKeyId","team","feature","provider","model","customer","environment")
);

-- CreateTable
CREATE TABLE "scoped_spend_deltas" (
    "id" BIGSERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "endUser" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "customer" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "costPico" DECIMAL(38,0) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scoped_spend_deltas_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "scoped_spend_orgId_endUser_hour_idx" ON "scoped_spend"("orgId", "endUser", "hour");

-- CreateIndex
CREATE INDEX "scoped_spend_deltas_orgId_id_idx" ON "scoped_spend_deltas"("orgId", "id");
