import type { DeliverySenders } from "@/lib/delivery/attempt-delivery";
import { sendToChannel } from "@/lib/notifications/send-to-channel";
import { sendWebhook } from "@/lib/webhooks/send-webhook";

/** The senders of the delivery engine: lib/delivery knows targets only through these. */
export const deliverySenders: DeliverySenders = { webhook: sendWebhook, channel: sendToChannel };
