import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { createAccount, createKey } from "../support/accounts";

const field = fc.constantFrom(
  "eventId",
  "timestamp",
  "provider",
  "model",
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  "cacheWriteTokens",
  "cacheTtl",
  "reasoningTokens",
  "requests",
  "images",
  "audioSeconds",
  "serviceTier",
  "team",
  "feature",
  "customer",
  "environment",
  "endUser",
  "tags",
  "latencyMs",
  "status",
  "requestId",
  "cost",
  "unknownField",
);
const nasty = fc.oneof(
  fc.anything(),
  fc.string({ maxLength: 400 }),
  fc.constantFrom(
    -1,
    1.5,
    1e308,
    -0,
    Number.MAX_SAFE_INTEGER,
    "1e400",
    "NaN",
    "",
    "\u0000",
    "🔥".repeat(300),
    null,
    [],
    {},
  ),
  fc.integer(),
  fc.double(),
);
const baseEvent = fc.record({
  eventId: fc.uuid(),
  timestamp: fc.constant(new Date().toISOString()),
  provider: fc.constantFrom("openai", "anthropic", "x"),
  model: fc.constantFrom("gpt-4o", "claude-sonnet-4-5-20250929", "unknown-model"),
  inputTokens: fc.nat({ max: 100_000 }),
  outputTokens: fc.nat({ max: 100_000 }),
});
/** A valid event with a few fields replaced by hostile values. */
const mutatedEvent = fc.tuple(baseEvent, fc.array(fc.tuple(field, nasty), { maxLength: 3 })).map(([e, edits]) => {
  const out: Record<string, unknown> = { ...e };
  for (const [k, v] of edits) out[k] = v;
  return out;
});
const body = fc.oneof(
  mutatedEvent,
  fc.record({ events: fc.array(mutatedEvent, { maxLength: 20 }) }),
  fc.record({ events: nasty }),
  fc.anything(),
);

test("no body, however hostile, gets a 5xx; every 4xx names a path", async ({ baseURL, playwright }) => {
  test.setTimeout(180_000);
  const owner = await createAccount(baseURL!, "fuzz");
  const key = await createKey(owner, ["ingest"], "fuzz");
  const svc: APIRequestContext = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  // Seeded from the clock unless FUZZ_SEED is set; the seed is in the report and in any failure.
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100000);
  test.info().annotations.push({ type: "fuzz seed", description: `FUZZ_SEED=${seed}` });
  const statuses = new Map<number, number>();
  const run = fc.assert(
    fc.asyncProperty(body, async (b) => {
      const raw = JSON.stringify(b) ?? "null";
      const res = await svc.post("/api/v1/events", { headers: { "content-type": "application/json" }, data: raw });
      statuses.set(res.status(), (statuses.get(res.status()) ?? 0) + 1);
      expect(res.status(), raw.slice(0, 300)).toBeLessThan(500);
      if (res.status() >= 400) {
        const json = await res.json();
        expect(json.error.code).toBeTruthy();
        expect(json.error.issues?.[0]?.path, raw.slice(0, 300)).toBeTruthy();
      }
    }),
    { numRuns: 300, seed },
  );
  await run.catch((err: Error) => {
    err.message = `replay with FUZZ_SEED=${seed} npm test -- --e2e e2e/api/ingest-fuzz.spec.ts\n${err.message}`;
    throw err;
  });
  // The property must exercise both sides, or it proves nothing.
  expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
  expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
  await svc.dispose();
});
