import { withSession } from "@/lib/api/with-session";
import { listStatements } from "@/lib/chargeback";
import { orgPreviewContract } from "@/lib/contracts/chargeback";

export const dynamic = "force-dynamic";

export const POST = withSession(orgPreviewContract, async (ctx, { body }) => {
  const { period, ...draft } = body;
  return listStatements(ctx.orgId, period, draft);
});
