import { db } from "@/lib/db";
import { appUrl } from "@/lib/env/app-url";
import { log } from "@/lib/log";
import { escapeHtml } from "@/lib/notifications/escape-html";
import { sendEmail } from "@/lib/notifications/send-email";

/**
 * Disables an endpoint (once), cancels its pending deliveries and emails the organisation's
 * OWNERs and ADMINs. An email failure is logged, not thrown: the endpoint stays disabled.
 */
export async function disableWebhookEndpoint(orgId: string, id: string, reason: string, now = new Date()) {
  const changed = await db().$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { orgId, id, disabledAt: null },
      data: { disabledAt: now, disabledReason: reason },
    });
    if (count === 0) return false;
    await tx.delivery.updateMany({
      where: { orgId, targetId: id, status: "pending" },
      data: { status: "cancelled", nextAttemptAt: null, lastError: `endpoint disabled: ${reason}` },
    });
    return true;
  });
  if (!changed) return;
  const [endpoint, org, admins] = await Promise.all([
    db().webhookEndpoint.findUniqueOrThrow({ where: { orgId_id: { orgId, id } }, select: { url: true } }),
    db().organization.findUniqueOrThrow({ where: { id: orgId }, select: { slug: true, name: true } }),
    db().membership.findMany({
      where: { orgId, role: { in: ["OWNER", "ADMIN"] } },
      select: { user: { select: { email: true } } },
    }),
  ]);
  log.warn({ orgId, endpointId: id, reason }, "webhook endpoint disabled");
  const link = appUrl(`/${org.slug}/settings/webhooks`);
  const text = `Burnrate disabled the webhook endpoint ${endpoint.url} of ${org.name}: ${reason}.\n\nRe-create or re-enable it at ${link}.`;
  try {
    await sendEmail({
      to: admins.map((a) => a.user.email),
      subject: `Webhook endpoint disabled: ${endpoint.url}`,
      text,
      html: `<p>${escapeHtml(text).replace(/\n/g, "<br>")}</p>`,
    });
  } catch (err) {
    log.error({ err, orgId, endpointId: id }, "could not email the admins about a disabled endpoint");
  }
}
