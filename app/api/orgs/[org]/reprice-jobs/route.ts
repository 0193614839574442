import { withSession } from "@/lib/api/with-session";
import { listRepriceJobsContract } from "@/lib/contracts/prices";
import { listRepriceJobs } from "@/lib/pricing/reprice/list-reprice-jobs";

export const GET = withSession(listRepriceJobsContract, async (ctx) => ({ items: await listRepriceJobs(ctx) }));
