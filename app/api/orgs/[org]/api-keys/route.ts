import { parseJsonBody } from "@/lib/api/parse";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { createApiKey, createApiKeyInput } from "@/lib/apikeys/create-api-key";
import { listApiKeys } from "@/lib/apikeys/list-api-keys";

export const GET = withSession("apikeys:manage", async (_req, ctx) => json({ apiKeys: await listApiKeys(ctx) }));

export const POST = withSession("apikeys:manage", async (req, ctx) => {
  const input = await parseJsonBody(req, createApiKeyInput);
  return json({ apiKey: await createApiKey(ctx, input) }, 201);
});
