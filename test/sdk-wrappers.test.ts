// @burnrate/sdk wrappers around the real `openai` and `@anthropic-ai/sdk` clients (baseURL → local stand-ins),
// and enforcement through the limits API of a running Burnrate (routes over HTTP, real Postgres and Redis).
// Costs are worked out by hand from the test models' prices (test/support/otel-helpers.ts).
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudget } from "@/lib/budgets";
import { pgPool } from "@/lib/db/pg-pool";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { BudgetExceededError, Burnrate } from "@/sdk/src/index";
import { closeConnections } from "./support/close-connections";
import { pricedOrg, startBurnrate, storedEvents, TEST_CLAUDE, TEST_MODEL } from "./support/otel-helpers";
import { type ProviderStub, startProviderStub } from "./support/provider-stubs";
import type { RouteServer } from "./support/route-server";

let burnrate: RouteServer;
let openaiStub: ProviderStub;
let anthropicStub: ProviderStub;
beforeAll(async () => {
  await installShippedCatalogIfEmpty();
  [burnrate, openaiStub, anthropicStub] = await Promise.all([
    startBurnrate(),
    startProviderStub("openai"),
    startProviderStub("anthropic"),
  ]);
});
afterAll(async () => {
  await Promise.all([burnrate.close(), openaiStub.close(), anthropicStub.close()]);
  await closeConnections();
});

const openai = () => new OpenAI({ apiKey: "sk-stub", baseURL: `${openaiStub.url}/v1`, maxRetries: 0 });
const anthropic = () => new Anthropic({ apiKey: "sk-ant-stub", baseURL: anthropicStub.url, maxRetries: 0 });
const messages = [{ role: "user" as const, content: "hi" }];

describe("wrapOpenAI", () => {
  it("records each call's usage with OpenAI's semantics (cached and reasoning apart), streamed or not", async () => {
    const { org, apiKey } = await pricedOrg("sdk-openai");
    const br = new Burnrate({ apiKey, baseUrl: burnrate.url, flushIntervalMs: 60_000 });
    const client = br.wrapOpenAI(openai(), { team: "search", feature: "answers" });

    openaiStub.usage = {
      prompt_tokens: 2006,
      completion_tokens: 300,
      total_tokens: 2306,
      prompt_tokens_details: { cached_tokens: 1920 },
      completion_tokens_details: { reasoning_tokens: 192 },
    };
    const reply = await client.chat.completions.create({ model: TEST_MODEL, messages });
    expect(reply.choices[0]!.message.content).toBe("Hello");
    // The client's own APIPromise is kept: withResponse() works through the wrapper.
    const { data, response } = await client.chat.completions.create({ model: TEST_MODEL, messages }).withResponse();
    expect([data.model, response.status]).toEqual([TEST_MODEL, 200]);

    openaiStub.usage = { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 };
    const stream = await client.chat.completions.create({ model: TEST_MODEL, messages, stream: true });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    // The wrapper asked for the usage chunk; the caller, who did not, does not see it.
    expect(openaiStub.calls.at(-1)!.stream_options).toEqual({ include_usage: true });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "")).toEqual(["Hel", "lo", ""]);

    // The chat.completions.stream() helper runs on the tracked create too.
    openaiStub.usage = { prompt_tokens: 70, completion_tokens: 7, total_tokens: 77 };
    const helper = await client.chat.completions.stream({ model: TEST_MODEL, messages }).finalChatCompletion();
    expect(helper.choices[0]!.message.content).toBe("Hello");
    await br.shutdown();

    const events = await storedEvents(org);
    // 86 in (2006 − 1920), 1920 cached, 108 out (300 − 192), 192 reasoning
    //   = 86·10⁶ + 1920·10⁵ + 108·4·10⁶ + 192·5·10⁶ = 86,000,000 + 192,000,000 + 432,000,000 + 960,000,000
    const plain = {
      inputTokens: 86,
      cachedInputTokens: 1920,
      outputTokens: 108,
      reasoningTokens: 192,
      costPico: "1670000000",
    };
    expect(events.filter((e) => e.inputTokens === 86)).toMatchObject([plain, plain]);
    // streamed: 50·10⁶ + 10·4·10⁶
    expect(events.find((e) => e.inputTokens === 50)).toMatchObject({ outputTokens: 10, costPico: "90000000" });
    expect(events.every((e) => e.team === "search" && e.feature === "answers" && e.provider === "openai")).toBe(true);
    // stream() helper: 70·10⁶ + 7·4·10⁶
    expect(events.find((e) => e.inputTokens === 70)).toMatchObject({ outputTokens: 7, costPico: "98000000" });
    expect(events).toHaveLength(4);
  });
});

describe("wrapOpenAI, Responses API", () => {
  it("records responses.create usage (input_tokens_details, output_tokens_details), streamed from response.completed", async () => {
    const { org, apiKey } = await pricedOrg("sdk-responses");
    const br = new Burnrate({ apiKey, baseUrl: burnrate.url, flushIntervalMs: 60_000 });
    const client = br.wrapOpenAI(openai(), { feature: "agent" });
    openaiStub.usage = {
      input_tokens: 5000,
      input_tokens_details: { cached_tokens: 4096 },
      output_tokens: 1200,
      output_tokens_details: { reasoning_tokens: 1024 },
      total_tokens: 6200,
    };
    const r = await client.responses.create({ model: TEST_MODEL, input: "hi" });
    expect(r.output_text).toBe("Hello");
    openaiStub.usage = {
      input_tokens: 40,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 8,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 48,
    };
    const stream = await client.responses.create({ model: TEST_MODEL, input: "hi", stream: true });
    const types: string[] = [];
    for await (const ev of stream) types.push(ev.type);
    expect(types).toEqual(["response.created", "response.output_text.delta", "response.completed"]);
    await br.shutdown();
    const byInput = new Map((await storedEvents(org)).map((e) => [e.inputTokens, e]));
    // 904 in (5000 − 4096), 4096 cached, 176 out (1200 − 1024), 1024 reasoning
    //   = 904·10⁶ + 4096·10⁵ + 176·4·10⁶ + 1024·5·10⁶ = 904,000,000 + 409,600,000 + 704,000,000 + 5,120,000,000
    expect(byInput.get(904)).toMatchObject({
      cachedInputTokens: 4096,
      outputTokens: 176,
      reasoningTokens: 1024,
      costPico: "7137600000",
    });
    // streamed: 40·10⁶ + 8·4·10⁶
    expect(byInput.get(40)).toMatchObject({ outputTokens: 8, costPico: "72000000", feature: "agent" });
    expect(byInput.size).toBe(2);
  });
});

describe("wrapAnthropic", () => {
  it("records usage with Anthropic's semantics (input excludes the cache; 1h writes), create and stream()", async () => {
    const { org, apiKey } = await pricedOrg("sdk-anthropic");
    const br = new Burnrate({ apiKey, baseUrl: burnrate.url, flushIntervalMs: 60_000 });
    const client = br.wrapAnthropic(anthropic(), { team: "support" });

    anthropicStub.usage = {
      input_tokens: 21,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 2000,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 2000 },
      output_tokens: 50,
    };
    const msg = await client.messages.create({ model: TEST_CLAUDE, max_tokens: 100, messages });
    expect(msg.content[0]).toMatchObject({ type: "text", text: "Hello" });

    anthropicStub.usage = {
      input_tokens: 25,
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 0,
      output_tokens: 15,
    };
    const stream = await client.messages.create({ model: TEST_CLAUDE, max_tokens: 100, messages, stream: true });
    const types: string[] = [];
    for await (const ev of stream) types.push(ev.type);
    expect(types).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);

    anthropicStub.usage = {
      input_tokens: 7,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
      output_tokens: 3,
    };
    const final = await client.messages.stream({ model: TEST_CLAUDE, max_tokens: 100, messages }).finalMessage();
    expect(final.usage.output_tokens).toBe(3);
    await br.shutdown();

    const byInput = new Map((await storedEvents(org)).map((e) => [e.inputTokens, e]));
    // 21·10⁶ + 100·10⁵ + 2000·3·10⁶ (1h writes) + 50·4·10⁶ = 21,000,000 + 10,000,000 + 6,000,000,000 + 200,000,000
    expect(byInput.get(21)).toMatchObject({
      cachedInputTokens: 100,
      cacheWriteTokens: 2000,
      cacheTtl: "1h",
      outputTokens: 50,
      costPico: "6231000000",
    });
    // streamed: message_start's input side, message_delta's final output: 25·10⁶ + 1000·10⁵ + 15·4·10⁶
    expect(byInput.get(25)).toMatchObject({ cachedInputTokens: 1000, outputTokens: 15, costPico: "185000000" });
    // messages.stream(): 7·10⁶ + 3·4·10⁶
    expect(byInput.get(7)).toMatchObject({
      outputTokens: 3,
      costPico: "19000000",
      team: "support",
      provider: "anthropic",
    });
    expect(byInput.size).toBe(3);
  });
});

describe("enforcement (limits API)", () => {
  const reservation = async (orgId: string, id: string) =>
    (await pgPool().query(`SELECT status FROM reservations WHERE "orgId" = $1 AND id = $2`, [orgId, id])).rows[0]
      ?.status;
  const statuses = async (orgId: string) =>
    (
      await pgPool().query<{ status: string }>(
        `SELECT status FROM reservations WHERE "orgId" = $1 ORDER BY "createdAt"`,
        [orgId],
      )
    ).rows.map((r) => r.status);

  it("reserves before the call, settles through the event, releases on error; a refusal throws BudgetExceededError, never retried", async () => {
    const { org, apiKey } = await pricedOrg("sdk-enforce");
    const made = await createBudget(org, {
      name: "search cap",
      scope: { team: "search" },
      period: "month",
      amount: "1.00",
      hardCap: true,
    });
    const br = new Burnrate({ apiKey, baseUrl: burnrate.url, flushIntervalMs: 60_000, onError: () => {} });
    const client = br.wrapOpenAI(openai(), { team: "search", enforce: true, maxCost: "0.60" });

    openaiStub.usage = { prompt_tokens: 100_000, completion_tokens: 0, total_tokens: 100_000 };
    await client.chat.completions.create({ model: TEST_MODEL, messages });
    await br.flush();
    const [settled] = await storedEvents(org);
    // 100,000 input tokens at 10⁶ pico = $0.10; the event carries the reservation, which it settled.
    expect(settled).toMatchObject({ costPico: "100000000000", team: "search" });
    expect(settled!.reservationId).toMatch(/^rsv_/);
    expect(await reservation(org.orgId, settled!.reservationId!)).toBe("settled");

    // The provider fails: the reservation is released, the error is the caller's.
    openaiStub.failNext = 500;
    burnrate.requests.length = 0;
    await expect(client.chat.completions.create({ model: TEST_MODEL, messages })).rejects.toMatchObject({
      status: 500,
    });
    // The release goes out in the background once the call has failed.
    await expect.poll(() => statuses(org.orgId), { timeout: 5000 }).toEqual(["settled", "released"]);

    // $0.10 held by the settled call: $0.95 does not fit. Refused before the provider is called, once.
    const callsBefore = openaiStub.calls.length;
    burnrate.requests.length = 0;
    const refused = br.guard({ team: "search" }, "0.95");
    await expect(refused).rejects.toBeInstanceOf(BudgetExceededError);
    const err = (await refused.catch((e: unknown) => e)) as BudgetExceededError;
    expect(err.budget).toMatchObject({ id: made.id, name: "search cap", amount: "1", remaining: "0.9" });
    expect(err.resetsAt).toBeInstanceOf(Date);
    expect(err.resetsAt.toISOString()).toBe(new Date(err.budget.resetsAt).toISOString());
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('Budget "search cap"');
    const tight = br.wrapOpenAI(openai(), { team: "search", enforce: true, maxCost: 0.95 });
    await expect(tight.chat.completions.create({ model: TEST_MODEL, messages })).rejects.toBeInstanceOf(
      BudgetExceededError,
    );
    expect(openaiStub.calls.length).toBe(callsBefore);
    expect(burnrate.requests.filter((r) => r === "POST /api/v1/limits/reserve")).toHaveLength(2);

    // guard(attrs, maxCost, fn): released when fn throws; settled when it tracks through the reservation.
    await expect(
      br.guard({ team: "search" }, "0.20", async () => {
        throw new Error("the call failed");
      }),
    ).rejects.toThrow("the call failed");
    await br.guard({ team: "search" }, "0.20", async (r) => {
      r!.track({ provider: "openai", model: TEST_MODEL, inputTokens: 50_000, outputTokens: 0 });
    });
    await br.shutdown();
    expect(await statuses(org.orgId)).toEqual(["settled", "released", "released", "settled"]);
    expect((await storedEvents(org)).map((e) => e.costPico).sort()).toEqual(["100000000000", "50000000000"]);
  });

  it("Burnrate unreachable: enforcement fails open by default (reported), closed when asked", async () => {
    const down = "http://127.0.0.1:9"; // nothing listens on the discard port
    const errors: Error[] = [];
    const open = new Burnrate({
      apiKey: "br_live_x",
      baseUrl: down,
      retryBaseMs: 1,
      maxRetries: 0,
      onError: (e) => errors.push(e),
    });
    openaiStub.usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };
    const calls = openaiStub.calls.length;
    const client = open.wrapOpenAI(openai(), { team: "search", enforce: true, maxCost: "0.01" });
    await client.chat.completions.create({ model: TEST_MODEL, messages });
    expect(openaiStub.calls.length).toBe(calls + 1);
    expect(errors[0]!.message).toMatch(/^enforcement skipped \(fail open\): Burnrate unreachable/);
    await open.shutdown();

    const closed = new Burnrate({
      apiKey: "br_live_x",
      baseUrl: down,
      retryBaseMs: 1,
      enforceFailMode: "closed",
      onError: () => {},
    });
    const strict = closed.wrapOpenAI(openai(), { team: "search", enforce: true, maxCost: "0.01" });
    await expect(strict.chat.completions.create({ model: TEST_MODEL, messages })).rejects.toThrow(
      /^Burnrate unreachable/,
    );
    expect(openaiStub.calls.length).toBe(calls + 1); // the provider was not called
    await closed.shutdown();
  });
});
