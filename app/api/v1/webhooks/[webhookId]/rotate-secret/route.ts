import { withApiKey } from "@/lib/api/with-api-key";
import { rotateWebhookSecretContract } from "@/lib/contracts/webhooks";
import { rotateWebhookSecretHandler } from "@/app/api/_handlers/webhooks";

export const dynamic = "force-dynamic";

export const POST = withApiKey(rotateWebhookSecretContract.v1, rotateWebhookSecretHandler);
