import { csvResponse } from "@/lib/api/csv-response";
import { withApiKey } from "@/lib/api/with-api-key";
import { focusExportContract } from "@/lib/contracts/chargeback";
import { focusExportStream, focusFileName } from "@/lib/exports";

export const dynamic = "force-dynamic";

export const GET = withApiKey(focusExportContract, async (ctx, { query }) =>
  csvResponse(await focusExportStream(ctx.orgId, query.from, query.to), focusFileName(query.from, query.to)),
);
