import type { NotificationChannel } from "@/lib/db/generated/client";

/** What the API and pages show of a channel: the Slack URL only as its host (it is a secret). */
export type ChannelView = {
  id: string;
  kind: "slack" | "email";
  name: string;
  mode: "immediate" | "digest";
  slackHost: string | null;
  emailRecipients: string[];
  lastDigestAt: string | null;
  createdAt: string;
};

export function channelView(c: NotificationChannel, slackUrl: string | null): ChannelView {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    mode: c.mode,
    slackHost: slackUrl ? new URL(slackUrl).host : null,
    emailRecipients: c.emailRecipients,
    lastDigestAt: c.lastDigestAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}
