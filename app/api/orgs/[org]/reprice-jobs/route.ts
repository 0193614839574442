import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { listRepriceJobs } from "@/lib/pricing/reprice/list-reprice-jobs";

export const GET = withSession("org:read", async (_req, ctx) => json({ items: await listRepriceJobs(ctx) }));
