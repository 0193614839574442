-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- CreateTable
CREATE TABLE "budgets" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scope" JSONB NOT NULL DEFAULT '{}',
    "period" TEXT NOT NULL,
    "startDay" INTEGER,
    "amountPico" BIGINT NOT NULL,
    "thresholds" JSONB NOT NULL DEFAULT '[]',
    "forecastAlert" BOOLEAN NOT NULL DEFAULT false,
    "hardCap" BOOLEAN NOT NULL DEFAULT false,
    "ownerUserId" TEXT,
    "channelIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budgets_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateTable
CREATE TABLE "budget_period_spend" (
    "orgId" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "scopeValue" TEXT NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "spentPico" BIGINT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "budget_period_spend_pkey" PRIMARY KEY ("orgId","budgetId","periodStart","scopeValue")
);

-- CreateTable
CREATE TABLE "budget_crossings" (
    "orgId" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "scopeValue" TEXT NOT NULL,
    "threshold" TEXT NOT NULL,
    "thresholdPico" BIGINT NOT NULL,
    "spentPico" BIGINT NOT NULL,
    "crossedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notified" BOOLEAN NOT NULL,
    "alertId" TEXT,

    CONSTRAINT "budget_crossings_pkey" PRIMARY KEY ("orgId","budgetId","periodStart","scopeValue","threshold")
);

-- CreateTable
CREATE TABLE "alerts" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "scopeValue" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "threshold" TEXT NOT NULL,
    "thresholdPico" BIGINT NOT NULL,
    "spentPico" BIGINT NOT NULL,
    "projectedAt" TIMESTAMPTZ(3),
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "escalatedAt" TIMESTAMPTZ(3),
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedBy" TEXT,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateTable
CREATE TABLE "budget_marks" (
    "orgId" TEXT NOT NULL,
    "fromHour" TIMESTAMPTZ(3) NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 1,
    "markedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "budget_marks_pkey" PRIMARY KEY ("orgId")
);

-- CreateIndex
CREATE INDEX "budgets_orgId_createdAt_idx" ON "budgets"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "budget_period_spend_orgId_budgetId_periodStart_spentPico_idx" ON "budget_period_spend"("orgId", "budgetId", "periodStart", "spentPico");

-- CreateIndex
CREATE INDEX "alerts_orgId_state_openedAt_idx" ON "alerts"("orgId", "state", "openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_orgId_budgetId_periodStart_scopeValue_kind_key" ON "alerts"("orgId", "budgetId", "periodStart", "scopeValue", "kind");

-- AddForeignKey
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget_period_spend" ADD CONSTRAINT "budget_period_spend_orgId_budgetId_fkey" FOREIGN KEY ("orgId", "budgetId") REFERENCES "budgets"("orgId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget_crossings" ADD CONSTRAINT "budget_crossings_orgId_budgetId_fkey" FOREIGN KEY ("orgId", "budgetId") REFERENCES "budgets"("orgId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_orgId_budgetId_fkey" FOREIGN KEY ("orgId", "budgetId") REFERENCES "budgets"("orgId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget_marks" ADD CONSTRAINT "budget_marks_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
