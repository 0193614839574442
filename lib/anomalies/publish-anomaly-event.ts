import type { Prisma } from "@/lib/db";
import { publishEvent, type PublishedEvent } from "@/lib/delivery/publish-event";
import { formatMoney, formatPicoUsd } from "@/lib/money";
import type { AnomalyRow } from "./anomaly-view";
import type { RootCause } from "./explain-excess";
import { monitorLabel } from "./monitor-dimensions";

type Row = Pick<
  AnomalyRow,
  | "id"
  | "dimension"
  | "value"
  | "kind"
  | "startHour"
  | "lastHour"
  | "endHour"
  | "score"
  | "expectedPico"
  | "actualPico"
  | "impactPico"
  | "rootCause"
> & { orgId: string };

/** "team=search: +$195.20 over expected (spike)" — what Slack and email titles say. */
export function anomalySummary(a: Pick<Row, "dimension" | "value" | "kind" | "impactPico">): string {
  const impact = formatPicoUsd(a.impactPico);
  const signed = a.impactPico < 0n ? `-${formatMoney(impact.slice(1))}` : `+${formatMoney(impact)}`;
  return `${monitorLabel(a as never)}: ${signed} against expected (${a.kind.replace("_", " ")})`;
}

/**
 * Publishes anomaly.detected / anomaly.resolved inside the caller's transaction (the one that
 * recorded the change): webhooks subscribed to the type and the given channels. Amounts are exact
 * decimal strings; `escalated` says the impact doubled since the last alert of this episode.
 */
export async function publishAnomalyEvent(
  tx: Prisma.TransactionClient,
  a: Row,
  type: "anomaly.detected" | "anomaly.resolved",
  channelIds: string[],
  escalated: boolean,
): Promise<PublishedEvent> {
  const rc = a.rootCause as RootCause | null;
  return publishEvent(tx, {
    orgId: a.orgId,
    type,
    channelIds,
    data: {
      anomaly: { id: a.id, kind: a.kind, monitor: { dimension: a.dimension, value: a.value || null } },
      summary: anomalySummary(a),
      start: a.startHour.toISOString(),
      lastHour: a.lastHour.toISOString(),
      end: a.endHour?.toISOString() ?? null,
      expected: formatPicoUsd(a.expectedPico),
      actual: formatPicoUsd(a.actualPico),
      impact: formatPicoUsd(a.impactPico),
      score: a.score,
      escalated,
      currency: "USD",
      topContributors: rc?.contributors.slice(0, 3) ?? [],
      flags: rc?.flags.map((f) => f.kind) ?? [],
    },
  });
}
