import { withSession } from "@/lib/api/with-session";
import { listCatalogContract } from "@/lib/contracts/prices";
import { listCatalog } from "@/lib/pricing/list-catalog";

export const GET = withSession(listCatalogContract, async (ctx, { query }) => listCatalog(ctx, query));
