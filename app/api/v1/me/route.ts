import { json } from "@/lib/api/respond";
import { withApiKey } from "@/lib/api/with-api-key";

/** Who am I: the organisation and key a service's API key resolves to. */
export const GET = withApiKey("read", async (_req, ctx) =>
  json({
    organization: { slug: ctx.orgSlug },
    apiKey: { id: ctx.actor.type === "apiKey" ? ctx.actor.apiKeyId : null, scopes: ctx.scopes },
  }),
);
