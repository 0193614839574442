import { listAnomalies } from "@/lib/anomalies";
import { withApiKey } from "@/lib/api/with-api-key";
import { listAnomaliesContract } from "@/lib/contracts/anomalies";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listAnomaliesContract, async (ctx, { query }) => listAnomalies(ctx, query));
