import { z } from "zod";
import { parseQuery } from "@/lib/api/parse";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { listAudit } from "@/lib/audit/list-audit";

const query = z.strictObject({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const GET = withSession("audit:read", async (req, ctx) =>
  json(await listAudit(ctx, parseQuery(req.url, query))),
);
