import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { listUnpriced } from "@/lib/pricing/list-unpriced";

export const GET = withSession("org:read", async (_req, ctx) => json(await listUnpriced(ctx)));
