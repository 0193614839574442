import { csvResponse } from "@/lib/api/csv-response";
import { withApiKey } from "@/lib/api/with-api-key";
import { getStatement } from "@/lib/chargeback";
import { statementCsvContract } from "@/lib/contracts/chargeback";
import { statementCsv } from "@/lib/exports";

export const dynamic = "force-dynamic";

export const GET = withApiKey(statementCsvContract, async (ctx, { params }) => {
  const s = await getStatement(ctx.orgId, params.statementId);
  return csvResponse(statementCsv(s), `statement-${s.number}-${s.party}.csv`);
});
