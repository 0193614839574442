-- CreateTable
CREATE TABLE "anomaly_monitors" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "thresholdScale" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "falseAlarms" INTEGER NOT NULL DEFAULT 0,
    "confirmed" INTEGER NOT NULL DEFAULT 0,
    "lastEvaluatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "anomaly_monitors_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateTable
CREATE TABLE "anomalies" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "startHour" TIMESTAMPTZ(3) NOT NULL,
    "lastHour" TIMESTAMPTZ(3) NOT NULL,
    "endHour" TIMESTAMPTZ(3),
    "score" DOUBLE PRECISION NOT NULL,
    "expectedPico" BIGINT NOT NULL,
    "actualPico" BIGINT NOT NULL,
    "impactPico" BIGINT NOT NULL,
    "series" JSONB NOT NULL DEFAULT '[]',
    "rootCause" JSONB,
    "feedback" TEXT,
    "feedbackAt" TIMESTAMPTZ(3),
    "feedbackBy" TEXT,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "notifiedImpactPico" BIGINT,
    "resolvedNotified" BOOLEAN NOT NULL DEFAULT false,
    "detectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "anomalies_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateTable
CREATE TABLE "anomaly_settings" (
    "orgId" TEXT NOT NULL,
    "minImpactPico" BIGINT NOT NULL DEFAULT 1000000000000,
    "alertMinImpactPico" BIGINT NOT NULL DEFAULT 10000000000000,
    "alertMinPercent" INTEGER NOT NULL DEFAULT 20,
    "drops" BOOLEAN NOT NULL DEFAULT true,
    "channelIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "allChannels" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "anomaly_settings_pkey" PRIMARY KEY ("orgId")
);

-- CreateIndex
CREATE UNIQUE INDEX "anomaly_monitors_orgId_dimension_value_key" ON "anomaly_monitors"("orgId", "dimension", "value");

-- CreateIndex
CREATE INDEX "anomalies_orgId_status_startHour_idx" ON "anomalies"("orgId", "status", "startHour");

-- CreateIndex
CREATE UNIQUE INDEX "anomalies_orgId_monitorId_startHour_key" ON "anomalies"("orgId", "monitorId", "startHour");

-- AddForeignKey
ALTER TABLE "anomaly_monitors" ADD CONSTRAINT "anomaly_monitors_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "anomalies" ADD CONSTRAINT "anomalies_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "anomalies" ADD CONSTRAINT "anomalies_orgId_monitorId_fkey" FOREIGN KEY ("orgId", "monitorId") REFERENCES "anomaly_monitors"("orgId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "anomaly_settings" ADD CONSTRAINT "anomaly_settings_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
