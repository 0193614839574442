import { db } from "@/lib/db";
import { eventPayload } from "@/lib/delivery/event-types";
import { type DeliveryToSend, errorMessage, type SendOutcome } from "@/lib/delivery/send-outcome";
import { checkOutboundUrl } from "@/lib/net/check-url";
import { postChecked } from "@/lib/net/post-checked";
import { disableWebhookEndpoint } from "./disable-webhook-endpoint";
import { signingSecrets } from "./endpoint-secrets";
import { signWebhook } from "./sign-webhook";

/** An endpoint that has failed every attempt for this long is disabled and its admins are told. */
export const FAILING_DISABLE_MS = 5 * 24 * 3_600_000;

/**
 * One signed POST of an event to a webhook endpoint. The URL is checked again (DNS may have
 * changed since it was saved) and the connection goes to the checked address. A 410 disables the
 * endpoint; so does failing continuously for 5 days.
 */
export async function sendWebhook(d: DeliveryToSend, now: Date): Promise<SendOutcome> {
  const endpoint = await db().webhookEndpoint.findUnique({ where: { orgId_id: { orgId: d.orgId, id: d.targetId } } });
  if (!endpoint) return { ok: false, giveUp: true, error: "the endpoint was deleted" };
  if (endpoint.disabledAt)
    return { ok: false, giveUp: true, error: `the endpoint is disabled: ${endpoint.disabledReason}` };
  const body = eventPayload(d.event);
  const headers = signWebhook(signingSecrets(endpoint, now), d.event.id, Math.floor(now.getTime() / 1000), body);
  let outcome: SendOutcome;
  try {
    const target = await checkOutboundUrl(endpoint.url, "url");
    const res = await postChecked(target, body, headers);
    outcome = { ok: res.statusCode >= 200 && res.statusCode < 300, statusCode: res.statusCode, excerpt: res.excerpt };
    if (!outcome.ok) outcome.error = `HTTP ${res.statusCode}`;
  } catch (err) {
    outcome = { ok: false, error: errorMessage(err) };
  }
  if (outcome.ok) {
    if (endpoint.failingSince) await setFailingSince(d.orgId, endpoint.id, null);
    return outcome;
  }
  if (outcome.statusCode === 410) {
    await disableWebhookEndpoint(d.orgId, endpoint.id, "the endpoint answered 410 Gone", now);
    return { ...outcome, giveUp: true };
  }
  const since = endpoint.failingSince ?? now;
  if (!endpoint.failingSince) await setFailingSince(d.orgId, endpoint.id, now);
  if (now.getTime() - since.getTime() >= FAILING_DISABLE_MS) {
    await disableWebhookEndpoint(d.orgId, endpoint.id, `every delivery failed since ${since.toISOString()}`, now);
    return { ...outcome, giveUp: true };
  }
  return outcome;
}

async function setFailingSince(orgId: string, id: string, at: Date | null) {
  await db().webhookEndpoint.update({ where: { orgId_id: { orgId, id } }, data: { failingSince: at } });
}
