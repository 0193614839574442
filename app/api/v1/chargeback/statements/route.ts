import { withApiKey } from "@/lib/api/with-api-key";
import { listStatements } from "@/lib/chargeback";
import { listStatementsContract } from "@/lib/contracts/chargeback";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listStatementsContract, async (ctx, { query }) =>
  listStatements(ctx.orgId, query.period),
);
