import { db } from "@/lib/db";
import { isDatabaseDown } from "@/lib/db/unavailable";
import { dispatchPublished, publishEvent } from "@/lib/delivery/publish-event";
import { log } from "@/lib/log";
import type { FailMode } from "./cap-budgets";

/** Per organisation: the answers given without the figures, since when, for the alert once Postgres is back. */
const unanswered = new Map<string, { mode: FailMode; since: Date; count: number }>();

/**
 * The answer when the figures cannot be read because Postgres is down (refusing connections,
 * restarting, gone). Redis holds no figures, so it cannot decide alone. Anything else propagates:
 * an overloaded pool is a 503 with Retry-After (the caller retries), a bug a 500. The organisation's setting decides: "open" (the default) lets the call
 * go ahead, "closed" refuses it; either way the answer says so, the process logs an error, and
 * `limits.degraded` goes to the organisation's webhooks and channels once Postgres answers again.
 */
export function failModeAnswer(orgId: string, mode: FailMode, err: unknown, now: Date) {
  if (!isDatabaseDown(err)) throw err;
  const seen = unanswered.get(orgId);
  if (seen) seen.count++;
  else {
    unanswered.set(orgId, { mode, since: now, count: 1 });
    log.error(
      { err: { message: (err as Error).message }, orgId, mode },
      `limits: no figures (Postgres down); failing ${mode}`,
    );
  }
  return {
    allowed: mode === "open",
    asOf: now.toISOString(),
    budgets: [],
    degraded: mode === "open" ? ("fail_open" as const) : ("fail_closed" as const),
  };
}

/** After a check answered from the figures: reports the organisation's outage answers, once. */
export async function reportFailModeAnswers(orgId: string, now = new Date()): Promise<void> {
  const seen = unanswered.get(orgId);
  if (!seen) return;
  unanswered.delete(orgId);
  try {
    const published = await db().$transaction(async (tx) => {
      const channels = await tx.notificationChannel.findMany({ where: { orgId }, select: { id: true } });
      return publishEvent(tx, {
        orgId,
        type: "limits.degraded",
        channelIds: channels.map((c) => c.id),
        data: {
          mode: seen.mode,
          since: seen.since.toISOString(),
          until: now.toISOString(),
          answers: seen.count,
          message:
            seen.mode === "open"
              ? `The limits API could not read spend for ${seen.count} checks and allowed them (fail-open).`
              : `The limits API could not read spend for ${seen.count} checks and refused them (fail-closed).`,
        },
      });
    });
    await dispatchPublished(published);
  } catch (err) {
    // Not lost: the next answered check tries again (answers meanwhile are added to the same report).
    const later = unanswered.get(orgId);
    unanswered.set(orgId, later ? { ...seen, count: seen.count + later.count } : seen);
    log.warn({ err, orgId }, "limits: could not publish the limits.degraded alert; will retry");
  }
}
