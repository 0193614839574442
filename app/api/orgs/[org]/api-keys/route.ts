import { reply } from "@/lib/api/define-contract";
import { withSession } from "@/lib/api/with-session";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { listApiKeys } from "@/lib/apikeys/list-api-keys";
import { createApiKeyContract, listApiKeysContract } from "@/lib/contracts/apikeys";

export const GET = withSession(listApiKeysContract, async (ctx) => ({ apiKeys: await listApiKeys(ctx) }));

export const POST = withSession(createApiKeyContract, async (ctx, { body }) =>
  reply(201, { apiKey: await createApiKey(ctx, body) }),
);
