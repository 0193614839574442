import { attemptDelivery } from "@/lib/delivery/attempt-delivery";
import { dispatchDeliveries } from "@/lib/delivery/dispatch-deliveries";
import { deliverySenders } from "../delivery-senders";
import type { Processor } from "../registry";

/** One attempt of one delivery (webhook, Slack, email); a failure schedules the next as a delayed job. */
export const notificationsProcessor: Processor<"notifications"> = {
  queue: "notifications",
  concurrency: 8,
  async handle({ orgId, deliveryId }) {
    const result = await attemptDelivery(orgId, deliveryId, deliverySenders);
    if (result.outcome === "retry") {
      await dispatchDeliveries([{ orgId, id: deliveryId, nextAttemptAt: result.retryAt }]);
    }
    return result;
  },
};
