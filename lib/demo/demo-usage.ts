import { randomUUID } from "node:crypto";

// Who spends on what in the demo organisation: [team, feature, provider, model, share of traffic].
const WORKLOADS: [string, string, string, string, number][] = [
  ["search", "answers", "openai", "gpt-4o-2024-08-06", 0.16],
  ["search", "answers", "openai", "gpt-4o-mini", 0.18],
  ["search", "embeddings", "openai", "text-embedding-3-small", 0.12],
  ["support", "summarise", "anthropic", "claude-sonnet-4-5-20250929", 0.14],
  ["support", "classify", "anthropic", "claude-3-5-haiku-20241022", 0.12],
  ["growth", "chat-assist", "google", "gemini-2.5-flash", 0.12],
  ["growth", "chat-assist", "anthropic", "claude-haiku-4-5", 0.06],
  ["platform", "code-review", "openai", "gpt-4.1-mini", 0.09],
  ["platform", "eval-harness", "self-hosted", "acme-internal-7b", 0.01],
];
const CUSTOMERS = ["acme", "globex", "initech", "umbrella", "hooli", "stark"];
const SPIKE_DAYS_AGO = 8;

function rng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * Thirty days of realistic usage, deterministic: weekday rhythm, business-hours peak, a mix of
 * cache hits and reasoning, a few errors, one unpriced self-hosted model, and a visible spike
 * (growth's chat-assist looping on a pricier model eight days ago).
 */
export function* demoUsage(now = new Date(), perDay = 700): Generator<Record<string, unknown>> {
  const rand = rng(20261124);
  for (let day = 29; day >= 0; day--) {
    const date = new Date(now.getTime() - day * 86_400_000);
    const weekend = [0, 6].includes(date.getUTCDay());
    const n = Math.round(perDay * (weekend ? 0.45 : 1) * (0.9 + rand() * 0.2) * (day === SPIKE_DAYS_AGO ? 2.2 : 1));
    for (let i = 0; i < n; i++) {
      let r = rand();
      const w =
        WORKLOADS.find((x) => {
          r -= x[4];
          return r <= 0;
        }) ?? WORKLOADS[0]!;
      const spike = day === SPIKE_DAYS_AGO && w[0] === "growth" && rand() < 0.8;
      const hour = Math.min(23, Math.max(0, Math.round(14 + (rand() - 0.5) * 14)));
      const ts = new Date(
        Date.UTC(
          date.getUTCFullYear(),
          date.getUTCMonth(),
          date.getUTCDate(),
          hour,
          Math.floor(rand() * 60),
          Math.floor(rand() * 60),
        ),
      );
      if (ts > now) continue;
      const embedding = w[1] === "embeddings";
      const input = Math.floor((embedding ? 2_000 : 6_000) + rand() * (spike ? 90_000 : 18_000));
      yield {
        eventId: `demo-${day}-${i}-${randomUUID().slice(0, 8)}`,
        timestamp: ts.toISOString(),
        provider: spike ? "anthropic" : w[2],
        model: spike ? "claude-sonnet-4-5-20250929" : w[3],
        inputTokens: input,
        outputTokens: embedding ? 0 : Math.floor(400 + rand() * (spike ? 8_000 : 3_000)),
        cachedInputTokens: !embedding && rand() < 0.35 ? Math.floor(input * 0.6) : 0,
        reasoningTokens: w[3].startsWith("gpt-4.1") && rand() < 0.3 ? Math.floor(rand() * 900) : 0,
        team: w[0],
        feature: w[1],
        customer: CUSTOMERS[Math.floor(rand() * rand() * CUSTOMERS.length)],
        environment: rand() < 0.9 ? "production" : "staging",
        endUser: `user-${Math.floor(rand() * 400)}`,
        status: rand() < 0.015 ? "error" : "success",
        latencyMs: Math.floor(300 + rand() * 4000),
      };
    }
  }
}
