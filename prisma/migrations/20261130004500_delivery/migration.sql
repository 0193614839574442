-- CreateEnum
CREATE TYPE "ChannelKind" AS ENUM ('slack', 'email');

-- CreateEnum
CREATE TYPE "ChannelMode" AS ENUM ('immediate', 'digest');

-- CreateEnum
CREATE TYPE "DeliveryTarget" AS ENUM ('webhook', 'channel');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'delivered', 'failed', 'digest_pending', 'digested', 'cancelled');

-- CreateTable
CREATE TABLE "notification_channels" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "kind" "ChannelKind" NOT NULL,
    "name" TEXT NOT NULL,
    "mode" "ChannelMode" NOT NULL DEFAULT 'immediate',
    "slackUrlEncrypted" TEXT,
    "emailRecipients" TEXT[],
    "lastDigestAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "notification_channels_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "secretEncrypted" TEXT NOT NULL,
    "previousSecretEncrypted" TEXT,
    "previousSecretExpiresAt" TIMESTAMP(3),
    "disabledAt" TIMESTAMP(3),
    "disabledReason" TEXT,
    "failingSince" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "target" "DeliveryTarget" NOT NULL,
    "targetId" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL,
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "lastError" TEXT,
    "digestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateTable
CREATE TABLE "delivery_attempts" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "statusCode" INTEGER,
    "responseExcerpt" TEXT,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "delivery_attempts_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateIndex
CREATE INDEX "notification_channels_orgId_createdAt_idx" ON "notification_channels"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "webhook_endpoints_orgId_createdAt_idx" ON "webhook_endpoints"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "outbox_events_orgId_createdAt_idx" ON "outbox_events"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "deliveries_orgId_targetId_createdAt_idx" ON "deliveries"("orgId", "targetId", "createdAt");

-- CreateIndex
CREATE INDEX "deliveries_orgId_status_nextAttemptAt_idx" ON "deliveries"("orgId", "status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "deliveries_orgId_eventId_targetId_key" ON "deliveries"("orgId", "eventId", "targetId");

-- CreateIndex
CREATE INDEX "delivery_attempts_orgId_deliveryId_at_idx" ON "delivery_attempts"("orgId", "deliveryId", "at");

-- AddForeignKey
ALTER TABLE "notification_channels" ADD CONSTRAINT "notification_channels_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_orgId_eventId_fkey" FOREIGN KEY ("orgId", "eventId") REFERENCES "outbox_events"("orgId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_orgId_deliveryId_fkey" FOREIGN KEY ("orgId", "deliveryId") REFERENCES "deliveries"("orgId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
