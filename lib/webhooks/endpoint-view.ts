import type { WebhookEndpoint } from "@/lib/db/generated/client";

/** What the API and pages show of an endpoint: never a secret. */
export type WebhookEndpointView = {
  id: string;
  url: string;
  events: string[];
  disabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  failingSince: string | null;
  previousSecretExpiresAt: string | null;
  createdAt: string;
};

export function endpointView(e: WebhookEndpoint, now = new Date()): WebhookEndpointView {
  const rotating = e.previousSecretExpiresAt && e.previousSecretExpiresAt > now ? e.previousSecretExpiresAt : null;
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    disabled: e.disabledAt !== null,
    disabledAt: e.disabledAt?.toISOString() ?? null,
    disabledReason: e.disabledReason,
    failingSince: e.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: rotating?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}
