-- CreateTable
CREATE TABLE "chargeback_settings" (
    "orgId" TEXT NOT NULL,
    "partyDimension" TEXT NOT NULL DEFAULT 'team',
    "graceDays" INTEGER NOT NULL DEFAULT 3,
    "rule" JSONB NOT NULL DEFAULT '{"method":"proportional"}',
    "markups" JSONB NOT NULL DEFAULT '{}',
    "nextStatementNumber" INTEGER NOT NULL DEFAULT 1,
    "stripeKeyEncrypted" TEXT,
    "stripeKeyHint" TEXT,
    "stripeWebhookSecretEncrypted" TEXT,
    "stripeConnectedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "chargeback_settings_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "chargeback_fixed_costs" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "amountPico" BIGINT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chargeback_fixed_costs_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateTable
CREATE TABLE "chargeback_periods" (
    "orgId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "partyDimension" TEXT NOT NULL,
    "rule" JSONB NOT NULL,
    "markups" JSONB NOT NULL,
    "fixedCosts" JSONB NOT NULL,
    "closedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chargeback_periods_pkey" PRIMARY KEY ("orgId","period")
);

-- CreateTable
CREATE TABLE "chargeback_statements" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "partyDimension" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "directPico" BIGINT NOT NULL,
    "allocatedPico" BIGINT NOT NULL,
    "markupPico" BIGINT NOT NULL,
    "adjustmentPico" BIGINT NOT NULL,
    "totalPico" BIGINT NOT NULL,
    "lines" JSONB NOT NULL,
    "closedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chargeback_statements_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateTable
CREATE TABLE "chargeback_invoices" (
    "orgId" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "stripeInvoiceId" TEXT,
    "stripeCustomerId" TEXT,
    "expectedCents" BIGINT NOT NULL,
    "stripeTotalCents" BIGINT,
    "heldReason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chargeback_invoices_pkey" PRIMARY KEY ("orgId","statementId")
);

-- CreateTable
CREATE TABLE "stripe_customers" (
    "orgId" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "stripeCustomerId" TEXT NOT NULL,
    "createdInStripe" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stripe_customers_pkey" PRIMARY KEY ("orgId","party")
);

-- CreateTable
CREATE TABLE "stripe_webhook_events" (
    "orgId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stripe_webhook_events_pkey" PRIMARY KEY ("orgId","eventId")
);

-- CreateIndex
CREATE INDEX "chargeback_fixed_costs_orgId_period_idx" ON "chargeback_fixed_costs"("orgId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "chargeback_statements_orgId_number_key" ON "chargeback_statements"("orgId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "chargeback_statements_orgId_period_party_key" ON "chargeback_statements"("orgId", "period", "party");

-- CreateIndex
CREATE INDEX "chargeback_statements_orgId_party_period_idx" ON "chargeback_statements"("orgId", "party", "period");

-- CreateIndex
CREATE INDEX "chargeback_invoices_orgId_status_idx" ON "chargeback_invoices"("orgId", "status");

-- CreateIndex
CREATE INDEX "chargeback_invoices_orgId_stripeInvoiceId_idx" ON "chargeback_invoices"("orgId", "stripeInvoiceId");

-- AddForeignKey
ALTER TABLE "chargeback_settings" ADD CONSTRAINT "chargeback_settings_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A closed chargeback statement never changes: late usage becomes an adjustment on the next one.
CREATE OR REPLACE FUNCTION burnrate_statement_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'chargeback statement % is closed and cannot be changed', OLD.id
    USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER chargeback_statements_immutable
  BEFORE UPDATE ON "chargeback_statements"
  FOR EACH ROW EXECUTE FUNCTION burnrate_statement_immutable();

-- A closed period's frozen rules and fixed costs never change either.
CREATE TRIGGER chargeback_periods_immutable
  BEFORE UPDATE ON "chargeback_periods"
  FOR EACH ROW EXECUTE FUNCTION burnrate_statement_immutable();
