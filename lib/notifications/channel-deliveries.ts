import { db } from "@/lib/db";
import { dispatchDeliveries } from "@/lib/delivery/dispatch-deliveries";
import { insertEvent } from "@/lib/delivery/insert-event";
import { type DeliveryView, type ListDeliveriesInput, listDeliveries } from "@/lib/delivery/list-deliveries";
import type { OrgContext } from "@/lib/tenancy/context";
import { findChannel } from "./manage-channels";

/** "Send a test": one test message to the channel, through the queue like any alert (never a digest). */
export async function sendTestMessage(ctx: OrgContext, channelId: string): Promise<{ deliveryId: string }> {
  const channel = await findChannel(ctx, channelId);
  const published = await db().$transaction((tx) =>
    insertEvent(tx, ctx.orgId, "channel.test", { channelName: channel.name }, [
      { target: "channel", targetId: channelId },
    ]),
  );
  await dispatchDeliveries(published.deliveries);
  return { deliveryId: published.deliveries[0]!.id };
}

/** A channel's deliveries (alerts, tests, digests) with their attempts, newest first. */
export async function listChannelDeliveries(
  ctx: OrgContext,
  channelId: string,
  input: ListDeliveriesInput = {},
): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }> {
  await findChannel(ctx, channelId);
  return listDeliveries(ctx.orgId, channelId, input);
}
