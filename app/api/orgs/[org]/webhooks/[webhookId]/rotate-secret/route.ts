import { withSession } from "@/lib/api/with-session";
import { rotateWebhookSecretContract } from "@/lib/contracts/webhooks";
import { rotateWebhookSecretHandler } from "@/app/api/_handlers/webhooks";

export const POST = withSession(rotateWebhookSecretContract.session, rotateWebhookSecretHandler);
