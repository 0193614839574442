-- AlterTable
ALTER TABLE "budget_period_spend" ADD COLUMN     "foldedBefore" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "usage_events" ADD COLUMN     "reservationId" TEXT;

-- CreateTable
CREATE TABLE "reservations" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "amountPico" BIGINT NOT NULL,
    "attributes" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "settledEventId" TEXT,
    "settledAt" TIMESTAMPTZ(3),
    "apiKeyId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reservations_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateTable
CREATE TABLE "reservation_holds" (
    "orgId" TEXT NOT NULL,
    "reservationId" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "scopeValue" TEXT NOT NULL,
    "amountPico" BIGINT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "settledAt" TIMESTAMPTZ(3),

    CONSTRAINT "reservation_holds_pkey" PRIMARY KEY ("orgId","reservationId","budgetId")
);

-- CreateIndex
CREATE INDEX "reservations_orgId_status_expiresAt_idx" ON "reservations"("orgId", "status", "expiresAt");

-- CreateIndex
CREATE INDEX "reservation_holds_orgId_budgetId_periodStart_scopeValue_idx" ON "reservation_holds"("orgId", "budgetId", "periodStart", "scopeValue");

-- AddForeignKey
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reservation_holds" ADD CONSTRAINT "reservation_holds_orgId_reservationId_fkey" FOREIGN KEY ("orgId", "reservationId") REFERENCES "reservations"("orgId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reservation_holds" ADD CONSTRAINT "reservation_holds_orgId_budgetId_fkey" FOREIGN KEY ("orgId", "budgetId") REFERENCES "budgets"("orgId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
