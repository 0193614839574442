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

// The split is a speed path: whole UTC days come from spend_rollups_daily, the hours before the first
// and after the last whole day from spend_rollups. Here the two tables are written directly with
// figures that differ (one decimal digit per row), so the answer shows which rows were read.
describe("spend query: which table answers which part of the range", () => {
  const D0 = Date.parse("2026-01-05T00:00:00Z"); // a Monday; D1..D3 the next days, all in one week and month
  const at = (day: number, hour: number, minute = 0) => new Date(D0 + day * 86_400_000 + hour * HOUR + minute * 60_000);
  const hourly: [Date, bigint][] = [
    [at(0, 20), 1n], // before the range's first hour
    [at(0, 21), 10n], // head hours (the range starts at 21:30)
    [at(0, 23), 100n],
    [at(1, 5), 1_000n], // inside whole days: read from the daily table instead
    [at(2, 0), 10_000n],
    [at(3, 0), 100_000n], // tail hours (the range ends at 02:30 of day 3)
    [at(3, 2), 1_000_000n],
    [at(3, 3), 10_000_000n], // after the range
  ];
  const daily: [Date, bigint][] = [
    [at(0, 0), 100_000_000n], // a partial day: its hours are read instead
    [at(1, 0), 1_000_000_000n],
    [at(2, 0), 10_000_000_000n],
    [at(3, 0), 100_000_000_000n], // partial as well
  ];
  let org: Awaited<ReturnType<typeof newOrg>>;
  beforeAll(async () => {
    org = await newOrg("query-split");
    const cols = `"orgId", team, feature, provider, model, customer, environment, "serviceTier", events, "costPico"`;
    const vals = `$1, '', '', 'openai', 'gpt-4o', '', '', 'standard', 1, $3`;
    for (const [t, pico] of hourly)
      await pgPool().query(`INSERT INTO spend_rollups (hour, ${cols}) VALUES ($2, ${vals})`, [
        org.orgId,
        t,
        String(pico),
      ]);
    for (const [t, pico] of daily)
      await pgPool().query(`INSERT INTO spend_rollups_daily (day, ${cols}) VALUES ($2, ${vals})`, [
        org.orgId,
        t,
        String(pico),
      ]);
  });
  const ask = (from: Date, to: Date, granularity: string) =>
    querySpend(org, spendQuerySchema.parse({ from: from.toISOString(), to: to.toISOString(), granularity }));
  const points = (r: Awaited<ReturnType<typeof ask>>) => r.series.flatMap((s) => s.points.map((p) => [p.t, p.cost]));

  it("by day: head hours and tail hours from the hourly table, whole days from the daily one", async () => {
    const r = await ask(at(0, 21, 30), at(3, 2, 30), "day");
    // 10 + 100 (head) + 1e9 + 1e10 (days 1, 2) + 1e5 + 1e6 (tail) = 11,001,100,110 pico.
    expect(r.total).toMatchObject({ cost: "0.01100110011", events: 6 });
    expect(points(r)).toEqual([
      [at(0, 0).toISOString(), "0.00000000011"],
      [at(1, 0).toISOString(), "0.001"],
      [at(2, 0).toISOString(), "0.01"],
      [at(3, 0).toISOString(), "0.0000011"],
    ]);
    for (const g of ["week", "month"]) {
      const w = await ask(at(0, 21, 30), at(3, 2, 30), g);
      expect(points(w), g).toEqual([
        [g === "week" ? at(0, 0).toISOString() : "2026-01-01T00:00:00.000Z", "0.01100110011"],
      ]);
    }
  });

  it("by hour: every hour from the hourly table", async () => {
    const r = await ask(at(0, 21, 30), at(3, 2, 30), "hour");
    // 10 + 100 + 1,000 + 10,000 + 100,000 + 1,000,000 = 1,111,110 pico.
    expect(r.total).toMatchObject({ cost: "0.00000111111", events: 6 });
  });

  it("a range inside one day reads hours only; a range of whole days reads days only", async () => {
    const inside = await ask(at(1, 1), at(1, 5, 30), "day");
    expect(points(inside)).toEqual([[at(1, 0).toISOString(), "0.000000001"]]); // the 05:00 hour (1,000 pico)
    const whole = await ask(at(1, 0), at(3, 0), "month");
    expect(whole.total).toMatchObject({ cost: "0.011", events: 2 }); // 1e9 + 1e10
  });
});
