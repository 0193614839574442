import { csvResponse } from "@/lib/api/csv-response";
import { withSession } from "@/lib/api/with-session";
import { getStatement } from "@/lib/chargeback";
import { orgStatementCsvContract } from "@/lib/contracts/chargeback";
import { statementCsv } from "@/lib/exports";

export const dynamic = "force-dynamic";

export const GET = withSession(orgStatementCsvContract, async (ctx, { params }) => {
  const s = await getStatement(ctx.orgId, params.statementId);
  return csvResponse(statementCsv(s), `statement-${s.number}-${s.party}.csv`);
});
