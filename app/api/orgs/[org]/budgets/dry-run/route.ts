import { withSession } from "@/lib/api/with-session";
import { orgDryRunCapContract } from "@/lib/contracts/caps";
import { dryRunCap } from "@/lib/limits/dry-run-cap";

export const POST = withSession(orgDryRunCapContract, (ctx, { body }) => dryRunCap(ctx, body));
