import { listAnomalies } from "@/lib/anomalies";
import { withSession } from "@/lib/api/with-session";
import { orgListAnomaliesContract } from "@/lib/contracts/anomalies";

export const GET = withSession(orgListAnomaliesContract, async (ctx, { query }) => listAnomalies(ctx, query));
