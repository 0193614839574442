import { env } from "@/lib/env";
import { appUrl } from "@/lib/env/app-url";
import { log } from "@/lib/log";
import { escapeHtml } from "@/lib/notifications/escape-html";
import { sendEmail } from "@/lib/notifications/send-email";

/**
 * Emails the operators (BURNRATE_OPERATOR_EMAILS) that a price sync waits for their review. Best
 * effort: without SMTP_URL or operators nothing is sent; a failure is logged, the run stays pending.
 */
export async function notifyOperatorsOfPendingSync(run: { id: string; changes: number; issues: number }) {
  const { BURNRATE_OPERATOR_EMAILS: to, SMTP_URL } = env();
  if (!SMTP_URL || to.length === 0) return false;
  const link = appUrl("/admin/prices");
  const what = `${run.changes} price change(s)${run.issues ? `, ${run.issues} needing confirmation` : ""}`;
  try {
    await sendEmail({
      to,
      subject: `Burnrate: price sync has ${what} to review`,
      text: `The daily price sync found ${what}. Nothing is applied until an operator approves it:\n${link}\n`,
      html: `<p>The daily price sync found ${escapeHtml(what)}. Nothing is applied until an operator approves it.</p><p><a href="${escapeHtml(link)}">Review the pending changes</a></p>`,
    });
    return true;
  } catch (err) {
    log.warn({ err, priceSyncRunId: run.id }, "could not email the operators about a pending price sync");
    return false;
  }
}
