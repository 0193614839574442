import { parseQuery } from "@/lib/api/parse";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { querySpend } from "@/lib/rollups/query-spend";
import { spendQuerySchema } from "@/lib/rollups/spend-query";

export const GET = withSession("org:read", async (req, ctx) =>
  json(await querySpend(ctx, parseQuery(req.url, spendQuerySchema))),
);
