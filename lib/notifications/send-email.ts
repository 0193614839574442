import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

let cached: { url: string; transport: Transporter } | undefined;

function transport(): Transporter {
  const url = env().SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not configured");
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

export type Email = { to: string[]; subject: string; text: string; html: string };

/** Sends one email (a plain and an HTML part) over SMTP_URL from EMAIL_FROM; returns the server's reply. */
export async function sendEmail(email: Email): Promise<string> {
  if (email.to.length === 0) throw new Error("no recipients");
  const info = await transport().sendMail({ from: env().EMAIL_FROM, ...email });
  return info.response;
}
