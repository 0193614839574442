import type { EventSummary } from "./describe-event";

/** Slack mrkdwn needs &, < and > escaped. */
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function eventBlocks(s: EventSummary, header: boolean): unknown[] {
  const blocks: unknown[] = [
    header
      ? { type: "header", text: { type: "plain_text", text: s.title.slice(0, 150) } }
      : { type: "section", text: { type: "mrkdwn", text: `*${esc(s.title)}*` } },
  ];
  if (s.fields.length)
    blocks.push({
      type: "section",
      fields: s.fields.map((f) => ({ type: "mrkdwn", text: `*${esc(f.label)}*\n${esc(f.value)}` })),
    });
  if (s.link)
    blocks.push({
      type: "actions",
      elements: [{ type: "button", text: { type: "plain_text", text: s.linkLabel }, url: s.link }],
    });
  return blocks;
}

/** The Slack incoming-webhook body of one event: header, fields (amount and percent, scope, period), a link. */
export function slackMessage(s: EventSummary): { text: string; blocks: unknown[] } {
  return { text: s.title, blocks: eventBlocks(s, true) };
}

/** One digest message: a header and each event (Slack allows 50 blocks: the rest are counted). */
export function slackDigest(items: EventSummary[], title: string): { text: string; blocks: unknown[] } {
  const blocks: unknown[] = [{ type: "header", text: { type: "plain_text", text: title } }];
  let shown = 0;
  for (const s of items) {
    const next = [{ type: "divider" }, ...eventBlocks(s, false)];
    if (blocks.length + next.length > 48) break;
    blocks.push(...next);
    shown++;
  }
  if (shown < items.length)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${items.length - shown} more` }] });
  return { text: title, blocks };
}
