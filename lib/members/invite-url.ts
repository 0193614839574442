import { appUrl } from "@/lib/env/app-url";

/** The link an invitee opens, on the deployment's configured base URL (never the inviter's Host header). */
export function inviteUrl(token: string): string {
  return appUrl(`/invite/${encodeURIComponent(token)}`);
}
