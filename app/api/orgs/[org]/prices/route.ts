import { z } from "zod";
import { parseQuery } from "@/lib/api/parse";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { listCatalog } from "@/lib/pricing/list-catalog";

const query = z.strictObject({
  search: z.string().trim().max(100).optional(),
  provider: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = withSession("org:read", async (req, ctx) =>
  json(await listCatalog(ctx, parseQuery(req.url, query))),
);
