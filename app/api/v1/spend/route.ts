import { parseQuery } from "@/lib/api/parse";
import { json } from "@/lib/api/respond";
import { withApiKey } from "@/lib/api/with-api-key";
import { querySpend } from "@/lib/rollups/query-spend";
import { spendQuerySchema } from "@/lib/rollups/spend-query";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async (req, ctx) =>
  json(await querySpend(ctx, parseQuery(req.url, spendQuerySchema))),
);
