import { randomUUID } from "node:crypto";
import { orgIdOf, query } from "./db";

/**
 * Publishes a budget event to every subscribed webhook endpoint of an organisation the way
 * lib/delivery's outbox does (an outbox row, one pending delivery per endpoint, due now), straight in
 * the run's database: the worker's sweeper finds due deliveries within seconds and sends them. (Budgets
 * do not publish through delivery yet; this stands in for a crossing.)
 */
export async function publishBudgetEvent(orgSlug: string, data: Record<string, unknown>, at = new Date()) {
  const orgId = await orgIdOf(orgSlug);
  const eventId = `e2e${randomUUID().replace(/-/g, "").slice(0, 22)}`;
  await query(
    `INSERT INTO outbox_events ("orgId", id, type, data, "createdAt") VALUES ($1, $2, 'budget.threshold_reached', $3, $4)`,
    [orgId, eventId, JSON.stringify(data), at],
  );
  const deliveries = await query<{ id: string }>(
    `INSERT INTO deliveries ("orgId", id, "eventId", target, "targetId", status, "nextAttemptAt", "createdAt")
     SELECT $1, 'd' || md5(random()::text || e.id), $2, 'webhook', e.id, 'pending', $3, $3
       FROM webhook_endpoints e
      WHERE e."orgId" = $1 AND e."disabledAt" IS NULL AND 'budget.threshold_reached' = ANY(e.events)
     RETURNING id`,
    [orgId, eventId, at],
  );
  return { eventId, deliveryIds: deliveries.map((d) => d.id) };
}
