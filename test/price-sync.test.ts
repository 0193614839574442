import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startDuePriceSyncs } from "@/lib/maintenance/start-due-price-syncs";
import { decideSyncRun } from "@/lib/pricing/sync/decide-sync-run";
import { requestPriceSync } from "@/lib/pricing/sync/request-price-sync";
import { runPriceSync } from "@/lib/pricing/sync/run-price-sync";
import { getQueue } from "@/lib/queue/enqueue";
import { priceSyncProcessor } from "@/workers/processors/price-sync";
import { SCHEDULES } from "@/workers/registry";
import { closeConnections } from "./support/close-connections";
import { type HttpReceiver, startReceiver } from "./support/http-receiver";
import { resetCatalog } from "./support/reset-catalog";
import { startSmtpSink } from "./support/smtp-sink";

// The sync's source is served from a local HTTP server: the LiteLLM excerpt, or a Burnrate catalog.
const LITELLM = readFileSync(new URL("./fixtures/litellm-excerpt.json", import.meta.url), "utf8");
const catalog = (models: object[]) => JSON.stringify({ catalogVersion: "sync", currency: "USD", models });
let source: HttpReceiver;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  source = await startReceiver();
  smtp = await startSmtpSink();
  process.env.BURNRATE_PRICE_SYNC_URL = `${source.url("/model_prices.json")}?token=s3cret`;
  process.env.BURNRATE_OPERATOR_EMAILS = "ops@burnrate.test";
  process.env.SMTP_URL = smtp.url;
  await resetCatalog();
});
beforeEach(async () => {
  await db().priceSyncRun.deleteMany({});
  smtp.messages.length = 0;
});
afterAll(async () => {
  await resetCatalog();
  await source.stop();
  await smtp.close();
  await closeConnections();
});

const inForce = () => db().modelPrice.count({ where: { effectiveTo: null } });

describe("scheduled price sync", () => {
  it("the worker syncs daily; a sync's changes wait for an operator, who is emailed; nothing is applied", async () => {
    expect(SCHEDULES).toContainEqual({ queue: "priceSync", id: "price-sync-daily", pattern: "0 4 * * *" });
    source.reply = { status: 200, body: LITELLM };
    const before = await db().modelPrice.count();
    const result = await priceSyncProcessor.handle({}, {} as never);
    const run = await db().priceSyncRun.findFirstOrThrow();
    expect(result).toEqual({ runId: run.id, status: "pending" });
    expect(source.requests.at(-1)?.url).toBe("/model_prices.json?token=s3cret");
    expect(run.trigger).toBe("schedule");
    const diff = run.diff as { changed: { model: string }[]; added: { model: string }[]; removed: unknown[] };
    expect(diff.changed.map((c) => c.model)).toEqual(["deepseek-flash", "mistral-large-3"]);
    expect(diff.removed).toEqual([]);
    expect(run.issues).toEqual([expect.objectContaining({ model: "deepseek-flash", check: "ratio" })]);
    expect(await db().modelPrice.count()).toBe(before);
    expect(smtp.messages.map((m) => m.subject)).toEqual([
      "Burnrate: price sync has 5 price change(s), 1 needing confirmation to review",
    ]);
  });

  it("approving applies the fetched prices (flagged ones only when confirmed); the next sync finds nothing", async () => {
    source.reply = { status: 200, body: LITELLM };
    const run = (await runPriceSync())!;
    await expect(decideSyncRun(run.id, "apply", "ops@burnrate.test")).rejects.toMatchObject({ code: "conflict" });
    expect((await db().priceSyncRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("pending");
    const { run: applied } = await decideSyncRun(run.id, "apply", "ops@burnrate.test", true);
    expect(applied).toMatchObject({ status: "applied", decidedBy: "ops@burnrate.test" });
    const flash = await db().modelPrice.findFirstOrThrow({
      where: { provider: "deepseek", model: "deepseek-flash", effectiveTo: null },
    });
    expect(flash.prices).toMatchObject({ input: "0.27", cachedInput: "0.07" });
    await expect(decideSyncRun(run.id, "dismiss", "ops@burnrate.test")).rejects.toMatchObject({ code: "conflict" });
    expect((await runPriceSync())?.status).toBe("no_changes");
  });

  it("never removes models, and applies automatically with AUTO_APPLY unless a change needs confirmation", async () => {
    const models = await inForce();
    source.reply = {
      status: 200,
      body: catalog([{ provider: "openai", model: "gpt-4o-mini", prices: { input: "0.16", output: "0.60" } }]),
    };
    const auto = await runPriceSync({ autoApply: true });
    expect(auto).toMatchObject({ status: "applied", decidedBy: "auto" });
    expect(await inForce()).toBe(models);

    source.reply = {
      status: 200,
      body: catalog([{ provider: "openai", model: "gpt-4o-mini", prices: { input: "0", output: "0.60" } }]),
    };
    const flagged = await runPriceSync({ autoApply: true });
    expect(flagged?.status).toBe("pending");
    expect((flagged!.issues as { check: string }[]).map((i) => i.check)).toEqual(["zeroed", "cache_above_input"]);
  });

  it("an operator's 'sync now' runs once however often its job is delivered; a newer pending run supersedes", async () => {
    source.reply = { status: 200, body: LITELLM };
    const first = (await runPriceSync())!;
    const requested = await requestPriceSync();
    expect(requested.status).toBe("queued");
    const fetches = source.requests.length;
    await priceSyncProcessor.handle({ runId: requested.id }, {} as never);
    await priceSyncProcessor.handle({ runId: requested.id }, {} as never);
    expect(source.requests.length).toBe(fetches + 1);
    expect(await db().priceSyncRun.count()).toBe(2);
    const statuses = await db().priceSyncRun.findMany({
      orderBy: { createdAt: "asc" },
      select: { id: true, status: true },
    });
    expect(statuses).toEqual([
      { id: first.id, status: "superseded" },
      { id: requested.id, status: "pending" },
    ]);
    await getQueue("priceSync").obliterate({ force: true });
  });

  it("records a failed fetch, and the sweeper starts the daily sync when none ran for a day", async () => {
    source.reply = { status: 503, body: "down" };
    const failed = await runPriceSync();
    expect(failed).toMatchObject({ status: "failed", error: expect.stringContaining("503") });
    expect(JSON.stringify(failed)).not.toContain("s3cret"); // the URL's query (a token) is never shown
    await db().priceSyncRun.updateMany({ data: { createdAt: new Date(Date.now() - 26 * 3_600_000) } });
    expect(await startDuePriceSyncs()).toBe(1);
    expect(await getQueue("priceSync").getJobCounts("waiting", "delayed")).toMatchObject({ waiting: 1 });
    // until the worker takes it, the sweeper asks again, and the job id (one per hour) keeps it to one job
    expect(await startDuePriceSyncs()).toBe(1);
    expect(await getQueue("priceSync").getJobCounts("waiting")).toMatchObject({ waiting: 1 });
    await getQueue("priceSync").obliterate({ force: true });
  });
});
