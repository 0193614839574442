import { csvResponse } from "@/lib/api/csv-response";
import { withSession } from "@/lib/api/with-session";
import { orgFocusExportContract } from "@/lib/contracts/chargeback";
import { focusExportStream, focusFileName } from "@/lib/exports";

export const dynamic = "force-dynamic";

export const GET = withSession(orgFocusExportContract, async (ctx, { query }) =>
  csvResponse(await focusExportStream(ctx.orgId, query.from, query.to), focusFileName(query.from, query.to)),
);
