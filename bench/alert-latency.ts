// Alert latency benchmark (not a test): `npm run bench:alert-latency`, against a RUNNING app:
//   BURNRATE_ALLOW_PRIVATE_URLS=true npm start        (the receiver below is on 127.0.0.1)
//   npm run bench:alert-latency                       (BENCH_BASE_URL, default http://127.0.0.1:3000)
// It uses the app's database (DATABASE_URL, resolved like `npm start` by scripts/with-services.mjs) to
// create an organisation with an admin+ingest key and a custom-priced model, starts a local HTTP receiver
// and creates a webhook endpoint to it over HTTP. Then BENCH_CROSSINGS (30) times: a fresh budget scoped to
// its own feature (threshold 100% of $0.001), one event over HTTP that crosses it, and the time from that
// event's 202 to the webhook (signature verified with the `standardwebhooks` package) carrying the budget.
// It also times the two legs apart: 202 -> the crossing recorded (fold + budgets job) and a channel
// test's 202 -> its arrival (the delivery job), so a miss says where the time goes. Goal: p95 < 2 s.
// BENCH_HARD_CAP=1: the budgets are hard caps of $0.001 (no thresholds) and the webhook awaited is
// `budget.capped` (the caps issue's "cap-crossing event to webhook").
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { benchEnv, percentile } from "./support";

benchEnv();
const BASE = process.env.BENCH_BASE_URL ?? "http://127.0.0.1:3000";
const CROSSINGS = Number(process.env.BENCH_CROSSINGS ?? 30);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 10_000);
const HARD_CAP = process.env.BENCH_HARD_CAP === "1";
const AWAITED = HARD_CAP ? "budget.capped" : "budget.threshold_reached";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Arrival = { at: number; url: string; headers: http.IncomingHttpHeaders; body: string };

function startReceiver(): Promise<{ url: string; arrivals: Arrival[]; close: () => void }> {
  const arrivals: Arrival[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      arrivals.push({
        at: performance.now(),
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(200).end("ok");
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        arrivals,
        close: () => server.close(),
      }),
    ),
  );
}

async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T | undefined> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    const v = await fn();
    if (v !== undefined) return v;
    await sleep(10);
  }
  return undefined;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? `n=${s.length} p50 ${percentile(s, 50).toFixed(0)} ms, p95 ${percentile(s, 95).toFixed(0)} ms, max ${s[s.length - 1]!.toFixed(0)} ms`
    : "n=0";
};

async function main() {
  const health = await fetch(`${BASE}/api/health`).catch(() => null);
  if (!health) throw new Error(`no app at ${BASE}: start it with BURNRATE_ALLOW_PRIVATE_URLS=true npm start`);
  const { signUp } = await import("@/lib/onboarding/sign-up");
  const { userContext } = await import("@/lib/tenancy/context");
  const { createApiKey } = await import("@/lib/apikeys/create-api-key");
  const { createOverride } = await import("@/lib/pricing/overrides/create-override");
  const { createBudget } = await import("@/lib/budgets");
  const { pgPool, closePgPool } = await import("@/lib/db/pg-pool");
  const { disconnectDb } = await import("@/lib/db");
  const receiver = await startReceiver();
  const id = randomBytes(4).toString("hex");
  try {
    const { user, org } = await signUp({
      email: `alert-latency-${id}@bench.local`,
      password: "bench-password",
      organizationName: `Alert latency ${id}`,
    });
    const ctx = userContext(org, user, "OWNER");
    const key = await createApiKey(ctx, { name: "bench", scopes: ["ingest", "admin"] });
    await createOverride(ctx, {
      kind: "CUSTOM_PRICE",
      provider: "self-hosted",
      model: "bench-7b",
      prices: { input: "1", output: "0" },
    });
    const api = (path: string, body?: unknown) =>
      fetch(`${BASE}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const hookRes = await api("/api/v1/webhooks", {
      url: `${receiver.url}/hook`,
      events: [AWAITED],
    });
    if (hookRes.status !== 201) throw new Error(`webhook: ${hookRes.status} ${await hookRes.text()}`);
    const webhook = new Webhook((await hookRes.json()).secret);

    // Leg 2 alone: the delivery job (channel test 202 -> arrival at the receiver).
    const chRes = await api("/api/v1/channels", {
      kind: "slack",
      name: "bench",
      slackWebhookUrl: `${receiver.url}/slack`,
    });
    if (chRes.status !== 201) throw new Error(`channel: ${chRes.status} ${await chRes.text()}`);
    const channelId = (await chRes.json()).id;
    const deliveryLeg: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = receiver.arrivals.filter((a) => a.url === "/slack").length;
      const res = await api(`/api/v1/channels/${channelId}/test`, {});
      const t = performance.now();
      if (res.status !== 202) throw new Error(`test: ${res.status}`);
      const got = await waitFor(() => receiver.arrivals.filter((a) => a.url === "/slack")[before], TIMEOUT_MS);
      if (got) deliveryLeg.push(got.at - t);
      await sleep(200);
    }

    const total: number[] = [];
    const budgetLeg: number[] = [];
    let missing = 0;
    for (let i = 0; i < CROSSINGS; i++) {
      const feature = `bench-${i}`;
      const budget = await createBudget(ctx, {
        name: `crossing ${i}`,
        scope: { feature },
        period: "month",
        amount: "0.001",
        thresholds: HARD_CAP ? [] : [{ percent: 100 }],
        hardCap: HARD_CAP,
      });
      await sleep(100 + Math.random() * 900); // events arrive at random points of a second
      const res = await api("/api/v1/events", {
        eventId: randomUUID(),
        timestamp: new Date().toISOString(),
        provider: "self-hosted",
        model: "bench-7b",
        inputTokens: 2000, // $0.002 > $0.001
        outputTokens: 0,
        feature,
      });
      const accepted = performance.now();
      if (res.status !== 202) throw new Error(`event: ${res.status} ${await res.text()}`);
      const crossing = waitFor(async () => {
        const r = await pgPool().query(`SELECT 1 FROM budget_crossings WHERE "orgId" = $1 AND "budgetId" = $2`, [
          org.id,
          budget.id,
        ]);
        return r.rowCount ? performance.now() : undefined;
      }, TIMEOUT_MS);
      const arrival = waitFor(
        () =>
          receiver.arrivals.find((a) => {
            if (a.url !== "/hook") return false;
            const payload = webhook.verify(a.body, a.headers as Record<string, string>) as {
              type: string;
              data: { budget?: { id: string } };
            };
            return payload.type === AWAITED && payload.data.budget?.id === budget.id;
          }),
        TIMEOUT_MS,
      );
      const [crossedAt, got] = await Promise.all([crossing, arrival]);
      if (crossedAt !== undefined) budgetLeg.push(crossedAt - accepted);
      if (got) total.push(got.at - accepted);
      else missing++;
      if (i === 0 && !got && crossedAt !== undefined) {
        console.log(
          `crossing 0 recorded after ${(crossedAt - accepted).toFixed(0)} ms but no webhook within ${TIMEOUT_MS} ms`,
        );
      }
    }
    console.log(`delivery leg (channel test 202 -> receiver):   ${stats(deliveryLeg)}`);
    console.log(`budget leg (event 202 -> crossing recorded):   ${stats(budgetLeg)}`);
    console.log(
      `event 202 -> signed webhook at the receiver:  ${stats(total)}${missing ? `, ${missing} never arrived within ${TIMEOUT_MS} ms` : ""}`,
    );
    if (total.length) {
      const p95 = percentile(
        [...total].sort((a, b) => a - b),
        95,
      );
      console.log(p95 < 2000 ? "goal met: p95 < 2 s" : "goal missed: p95 >= 2 s");
    }
  } finally {
    receiver.close();
    await closePgPool();
    await disconnectDb();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
