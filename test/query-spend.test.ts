import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { formatPicoUsd } from "@/lib/money/pico";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { querySpend } from "@/lib/rollups/query-spend";
import { spendQuerySchema } from "@/lib/rollups/spend-query";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const HOUR = 3_600_000;

describe("spend query", () => {
  it("answers from hourly and daily rollups exactly what the raw events in range sum to, at every granularity", async () => {
    const org = await newOrg("query");
    const now = Date.now();
    const events = Array.from({ length: 2000 }, (_, i) => ({
      eventId: randomUUID(),
      timestamp: new Date(now - ((i * 7919) % (10 * 24 * 60)) * 60_000).toISOString(), // spread over 10 days, minute resolution
      provider: "openai",
      model: i % 2 ? "gpt-4o" : "gpt-4o-mini",
      inputTokens: 100 + (i % 977),
      outputTokens: 10 + (i % 313),
      cacheWriteTokens: i % 3 === 1 ? 0 : i % 57,
      team: ["a", "b", "c"][i % 3],
    }));
    for (let i = 0; i < events.length; i += 1000) await ingestBatch(org.orgId, events.slice(i, i + 1000), {});
    await foldDeltas(org.orgId);

    // A range that starts and ends inside hours and days: head hours, whole days, tail hours.
    const from = new Date(now - 8.3 * 24 * HOUR - 17 * 60_000);
    const to = new Date(now - 1.6 * 24 * HOUR + 11 * 60_000);
    const rawFrom = new Date(Math.floor(from.getTime() / HOUR) * HOUR);
    const rawTo = new Date(Math.ceil(to.getTime() / HOUR) * HOUR);
    const { rows } = await pgPool().query<{ team: string; cost: string; n: string; cw: string }>(
      `SELECT team, sum("costPico")::text AS cost, count(*)::text AS n, sum("cacheWriteTokens")::text AS cw FROM usage_events
        WHERE "orgId" = $1 AND "timestamp" >= $2 AND "timestamp" < $3 GROUP BY team ORDER BY team`,
      [org.orgId, rawFrom, rawTo],
    );
    expect(rows.length).toBe(3);
    // Cache writes of the events in range, summed from what was posted (not from the database).
    const posted = new Map<string, number>();
    for (const e of events) {
      const t = new Date(e.timestamp).getTime();
      if (t >= rawFrom.getTime() && t < rawTo.getTime())
        posted.set(e.team!, (posted.get(e.team!) ?? 0) + e.cacheWriteTokens);
    }
    for (const granularity of ["hour", "day", "week", "month"] as const) {
      const answer = await querySpend(
        org,
        spendQuerySchema.parse({ from: from.toISOString(), to: to.toISOString(), granularity, groupBy: "team" }),
      );
      const byTeam = Object.fromEntries(answer.series.map((s) => [s.key.team, s.total]));
      for (const r of rows) {
        expect(byTeam[r.team]?.cost, `${granularity} ${r.team}`).toBe(formatPicoUsd(BigInt(r.cost)));
        expect(byTeam[r.team]?.events, `${granularity} ${r.team}`).toBe(Number(r.n));
        expect(byTeam[r.team]?.cacheWriteTokens, `${granularity} ${r.team}`).toBe(Number(r.cw));
        expect(byTeam[r.team]?.cacheWriteTokens, `${granularity} ${r.team}`).toBe(posted.get(r.team));
      }
    }
  });
});
