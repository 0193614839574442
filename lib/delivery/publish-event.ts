import { z } from "zod";
import { parseInput } from "@/lib/errors/parse-input";
import type { Prisma } from "@/lib/db";
import { dispatchDeliveries } from "./dispatch-deliveries";
import { eventTypeSchema } from "./event-types";
import { insertEvent, type PublishedEvent, type Target } from "./insert-event";

export type { PublishedEvent } from "./insert-event";

export const publishEventInput = z.object({
  orgId: z.string().min(1),
  type: eventTypeSchema,
  /** The event's `data`: ids, names, and amounts as decimal strings. */
  data: z.record(z.string(), z.unknown()),
  /** Channels to notify (e.g. the budget's); ids of another organisation or deleted ones are ignored. */
  channelIds: z.array(z.string()).default([]),
});
export type PublishEventInput = z.input<typeof publishEventInput>;

/**
 * Publishes an event inside the caller's transaction: the outbox row, a delivery for every enabled
 * webhook endpoint of the organisation subscribed to `type`, and one for each given channel
 * (immediate, or held for the channel's daily digest). Nothing leaves the process here: after the
 * commit, pass the result to `dispatchPublished` (or let the sweeper find it within seconds).
 */
export async function publishEvent(
  tx: Prisma.TransactionClient,
  input: PublishEventInput,
  now = new Date(),
): Promise<PublishedEvent> {
  const { orgId, type, data, channelIds } = parseInput(publishEventInput, input);
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { orgId, disabledAt: null, events: { has: type } },
    select: { id: true },
  });
  const channels = channelIds.length
    ? await tx.notificationChannel.findMany({
        where: { orgId, id: { in: [...new Set(channelIds)] } },
        select: { id: true, mode: true },
      })
    : [];
  const targets: Target[] = [
    ...endpoints.map((e) => ({ target: "webhook" as const, targetId: e.id })),
    ...channels.map((c) => ({ target: "channel" as const, targetId: c.id, digest: c.mode === "digest" })),
  ];
  return insertEvent(tx, orgId, type, data as Prisma.InputJsonObject, targets, now);
}

/** Enqueues the deliveries of committed events (call after the publishing transaction). */
export async function dispatchPublished(...published: PublishedEvent[]): Promise<void> {
  await dispatchDeliveries(published.flatMap((p) => p.deliveries));
}
