import { withSession } from "@/lib/api/with-session";
import { setOrganizationTimeZone } from "@/lib/budgets";
import { orgTimeZoneContract } from "@/lib/contracts/budgets";

export const PUT = withSession(orgTimeZoneContract, async (ctx, { body }) =>
  setOrganizationTimeZone(ctx, body.timeZone),
);
