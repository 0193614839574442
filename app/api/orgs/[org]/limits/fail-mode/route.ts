import { withSession } from "@/lib/api/with-session";
import { setCapFailMode } from "@/lib/budgets/set-cap-fail-mode";
import { orgCapFailModeContract } from "@/lib/contracts/caps";

export const PUT = withSession(orgCapFailModeContract, async (ctx, { body }) => setCapFailMode(ctx, body));
