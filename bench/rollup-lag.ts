// Rollup freshness benchmark (not a test): `npm run bench:rollup-lag` against a running app and worker
// (`npm start`). BURNRATE_URL, DATABASE_URL of that app; BENCH_RATE events/s (10,000), BENCH_SECONDS (20).
// Each 1,000-event batch carries its own customer tag; a poller watches spend_rollups and records, per
// batch, the time from the 202 to the batch's events being in the rollups. Prints p50/p95/max lag.
import { randomUUID } from "node:crypto";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { disconnectDb } from "@/lib/db";
import { closePgPool, pgPool } from "@/lib/db/pg-pool";
import { signUp } from "@/lib/onboarding/sign-up";
import { userContext } from "@/lib/tenancy/context";
import { benchEnv, percentile } from "./support";

benchEnv();

const base = process.env.BURNRATE_URL ?? "http://127.0.0.1:3000";
const rate = Number(process.env.BENCH_RATE ?? 10_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const BATCH = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const { user, org } = await signUp({
    email: `lag-${randomUUID().slice(0, 8)}@bench.local`,
    password: "bench-password",
    organizationName: "Lag bench",
  });
  const key = await createApiKey(userContext(org, user, "OWNER"), { name: "lag", scopes: ["ingest"] });
  const accepted = new Map<string, { at: number; count: number }>();
  const lags: number[] = [];
  let sending = true;
  let lastSent = performance.now();

  const poller = (async () => {
    while (sending || lags.length < accepted.size) {
      const { rows } = await pgPool().query<{ customer: string; n: string }>(
        `SELECT customer, sum(events)::text AS n FROM spend_rollups WHERE "orgId" = $1 GROUP BY customer`,
        [org.id],
      );
      const now = performance.now();
      for (const r of rows) {
        const b = accepted.get(r.customer);
        if (b && b.count > 0 && Number(r.n) >= b.count) {
          lags.push(now - b.at);
          b.count = -1;
        }
      }
      await sleep(50);
      if (!sending && performance.now() - lastSent > 60_000) break;
    }
  })();

  const interval = (BATCH / rate) * 1000;
  const end = Date.now() + seconds * 1000;
  const inflight: Promise<void>[] = [];
  for (let b = 0; Date.now() < end; b++) {
    const tag = `lag-${b}`;
    const events = Array.from({ length: BATCH }, (_, i) => ({
      eventId: randomUUID(),
      timestamp: new Date().toISOString(),
      provider: "openai",
      model: "gpt-4o-mini",
      inputTokens: 100 + i,
      outputTokens: 10,
      team: `t${i % 5}`,
      customer: tag,
    }));
    inflight.push(
      fetch(`${base}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
        body: JSON.stringify({ events }),
      }).then(async (res) => {
        const body = (await res.json()) as { accepted?: number };
        if (res.status === 202) accepted.set(tag, { at: performance.now(), count: body.accepted ?? 0 });
      }),
    );
    lastSent = performance.now();
    await sleep(interval);
  }
  await Promise.all(inflight);
  sending = false;
  await poller;
  lags.sort((a, b) => a - b);
  const sent = accepted.size * BATCH;
  console.log(
    `target ${rate} events/s for ${seconds} s: ${sent} events in ${accepted.size} batches; ${lags.length} batches observed in rollups`,
  );
  console.log(
    `202 → in rollups: p50 ${percentile(lags, 50).toFixed(0)} ms, p95 ${percentile(lags, 95).toFixed(0)} ms, max ${lags[lags.length - 1]?.toFixed(0)} ms`,
  );
  await closePgPool();
  await disconnectDb();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
