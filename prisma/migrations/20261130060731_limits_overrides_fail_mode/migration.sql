-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "capFailMode" TEXT NOT NULL DEFAULT 'open';

-- CreateTable
CREATE TABLE "budget_overrides" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "scopeValue" TEXT NOT NULL DEFAULT '',
    "amountPico" BIGINT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "budget_overrides_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateTable
CREATE TABLE "cap_refusals" (
    "orgId" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "scopeValue" TEXT NOT NULL,
    "refusals" INTEGER NOT NULL DEFAULT 0,
    "refusedPico" BIGINT NOT NULL DEFAULT 0,
    "firstAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cap_refusals_pkey" PRIMARY KEY ("orgId","budgetId","periodStart","scopeValue")
);

-- CreateIndex
CREATE INDEX "budget_overrides_orgId_budgetId_periodStart_scopeValue_idx" ON "budget_overrides"("orgId", "budgetId", "periodStart", "scopeValue");

-- AddForeignKey
ALTER TABLE "budget_overrides" ADD CONSTRAINT "budget_overrides_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget_overrides" ADD CONSTRAINT "budget_overrides_orgId_budgetId_fkey" FOREIGN KEY ("orgId", "budgetId") REFERENCES "budgets"("orgId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
