import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { attemptDelivery as attemptWith } from "@/lib/delivery/attempt-delivery";
import { type PublishEventInput, publishEvent } from "@/lib/delivery/publish-event";
import { deliverySenders } from "@/workers/delivery-senders";

/** One attempt with the worker's senders, at `now`. */
export const attemptDelivery = (orgId: string, id: string, now = new Date()) =>
  attemptWith(orgId, id, deliverySenders, now);

/** Publishes in its own transaction (as the budgets worker does) at `now`. */
export function publish(input: PublishEventInput, now = new Date()) {
  return db().$transaction((tx) => publishEvent(tx, input, now));
}

/** Publishes and makes the first attempt of every delivery in-process (no worker), at `now`. */
export async function publishAndAttempt(input: PublishEventInput, now = new Date()) {
  const published = await publish(input, now);
  const results = [];
  for (const d of published.deliveries) if (d.nextAttemptAt) results.push(await attemptDelivery(d.orgId, d.id, now));
  return { ...published, results };
}

/** A budget event's data as the budgets capability sends it (amounts as decimal strings). */
export function budgetData(over: Record<string, unknown> = {}) {
  return {
    alertId: "alert_1",
    budget: { id: "bud_123", name: "search monthly", scope: { team: "search" } },
    period: { start: "2026-11-01T00:00:00.000Z", end: "2026-12-01T00:00:00.000Z" },
    threshold: { percent: 80 },
    spent: "400.00",
    amount: "500.00",
    ...over,
  };
}

/** Adds a member with `role` to an organisation; returns their email. */
export async function addMember(orgId: string, role: Role): Promise<string> {
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@test.local`;
  await db().user.create({
    data: { email, passwordHash: "x", memberships: { create: { orgId, role } } },
  });
  return email;
}

export const attemptsOf = (orgId: string, deliveryId: string) =>
  db().deliveryAttempt.findMany({ where: { orgId, deliveryId }, orderBy: { at: "asc" } });
