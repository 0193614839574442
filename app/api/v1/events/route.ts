import { reply } from "@/lib/api/define-contract";
import { shedWhenBusy } from "@/lib/api/shed-load";
import { withApiKey } from "@/lib/api/with-api-key";
import { ingestEventsContract } from "@/lib/contracts/events";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { splitIngestBody, unprefix } from "@/lib/ingest/parse-ingest-body";
import { readJsonBody } from "@/lib/ingest/read-body";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/events: 202 all accepted (committed), 207 some rejected (the valid ones are
 * committed), 400 none valid. Duplicates of already-accepted eventIds are counted, not stored.
 * Beyond INGEST_MAX_IN_FLIGHT requests at once in this process: 503 + Retry-After (load shedding).
 */
export const POST = shedWhenBusy(
  withApiKey(ingestEventsContract, async (ctx, { req }) => {
    const { events, single } = splitIngestBody(await readJsonBody(req));
    const result = await ingestBatch(ctx.orgId, events, ctx.defaultAttribution, {
      allowBackfill: ctx.allowBackfill,
      apiKeyId: ctx.actor.type === "apiKey" ? ctx.actor.apiKeyId : null,
    });
    const rejected = result.rejected.map((r) => ({
      ...r,
      issues: single ? r.issues.map((i) => ({ ...i, path: unprefix(i.path) })) : r.issues,
    }));
    if (rejected.length === events.length) {
      const issues = rejected.flatMap((r) => r.issues);
      const err = new AppError(
        "invalid_request",
        `No event was valid: ${issues[0]!.path}: ${issues[0]!.message}`,
        issues,
      );
      return reply(400, {
        error: { ...err.body().error, code: "invalid_request" as const, issues },
        accepted: 0,
        duplicates: 0,
        rejected,
      });
    }
    const body = { accepted: result.accepted, duplicates: result.duplicates };
    return rejected.length ? reply(207, { ...body, rejected }) : reply(202, body);
  }),
  () => env().INGEST_MAX_IN_FLIGHT,
);
