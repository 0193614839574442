import { withSession } from "@/lib/api/with-session";
import { getStatement } from "@/lib/chargeback";
import { orgStatementContract } from "@/lib/contracts/chargeback";

export const dynamic = "force-dynamic";

export const GET = withSession(orgStatementContract, async (ctx, { params }) => ({
  statement: await getStatement(ctx.orgId, params.statementId),
}));
