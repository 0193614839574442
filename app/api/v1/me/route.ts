import { withApiKey } from "@/lib/api/with-api-key";
import { meContract } from "@/lib/contracts/me";

/** Who am I: the organisation and key a service's API key resolves to. */
export const GET = withApiKey(meContract, async (ctx) => ({
  organization: { slug: ctx.orgSlug },
  apiKey: { id: ctx.actor.type === "apiKey" ? ctx.actor.apiKeyId : null, scopes: ctx.scopes },
}));
