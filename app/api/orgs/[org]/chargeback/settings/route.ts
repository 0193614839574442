import { withSession } from "@/lib/api/with-session";
import { getChargebackSettings, saveChargebackSettings } from "@/lib/chargeback";
import { orgSettingsContract, orgUpdateSettingsContract } from "@/lib/contracts/chargeback";

export const dynamic = "force-dynamic";

export const GET = withSession(orgSettingsContract, async (ctx) => ({
  settings: await getChargebackSettings(ctx.orgId),
}));
export const PATCH = withSession(orgUpdateSettingsContract, async (ctx, { body }) => ({
  settings: await saveChargebackSettings(ctx, body),
}));
