import { type DeliveryView, type ListDeliveriesInput, listDeliveries } from "@/lib/delivery/list-deliveries";
import { replayDelivery } from "@/lib/delivery/replay-delivery";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy/context";
import { findWebhookEndpoint } from "./manage-webhook-endpoints";

/** An endpoint's deliveries with their attempts, newest first, paged by `cursor`. */
export async function listWebhookDeliveries(
  ctx: OrgContext,
  endpointId: string,
  input: ListDeliveriesInput = {},
): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }> {
  await findWebhookEndpoint(ctx, endpointId);
  return listDeliveries(ctx.orgId, endpointId, input);
}

/** Sends one delivery of an enabled endpoint again, now. */
export async function replayWebhookDelivery(ctx: OrgContext, endpointId: string, deliveryId: string): Promise<void> {
  const endpoint = await findWebhookEndpoint(ctx, endpointId);
  if (endpoint.disabledAt) throw new AppError("conflict", "The endpoint is disabled");
  await replayDelivery(ctx.orgId, endpointId, deliveryId);
}
