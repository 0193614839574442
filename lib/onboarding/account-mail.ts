import { env } from "@/lib/env";
import { appUrl } from "@/lib/env/app-url";
import { log } from "@/lib/log";
import { escapeHtml } from "@/lib/notifications/escape-html";
import { sendEmail } from "@/lib/notifications/send-email";

/** Whether Burnrate can send account mail (verification, password reset): SMTP_URL is set. */
export function accountMailEnabled(): boolean {
  return Boolean(env().SMTP_URL);
}

/**
 * A link of this deployment, built from NEXTAUTH_URL: never from the request's Host header, which a
 * client could set to send a victim's reset link to its own site.
 */
export function appLink(path: string): string {
  return appUrl(path);
}

/** Sends one account email with a single link; failures are logged, not shown (no address enumeration). */
export async function sendAccountMail(to: string, subject: string, intro: string, link: string): Promise<boolean> {
  if (!accountMailEnabled()) return false;
  try {
    await sendEmail({
      to: [to],
      subject,
      text: `${intro}\n\n${link}\n\nIf you did not ask for this, ignore this message.\n`,
      html: `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>If you did not ask for this, ignore this message.</p>`,
    });
    return true;
  } catch (err) {
    log.warn({ err, subject }, "account email could not be sent");
    return false;
  }
}
