import { withApiKey } from "@/lib/api/with-api-key";
import { getStatement } from "@/lib/chargeback";
import { getStatementContract } from "@/lib/contracts/chargeback";

export const dynamic = "force-dynamic";

export const GET = withApiKey(getStatementContract, async (ctx, { params }) => ({
  statement: await getStatement(ctx.orgId, params.statementId),
}));
