import { withPublic } from "@/lib/api/with-public";
import { verifyEmailContract } from "@/lib/contracts/account";
import { verifyEmail } from "@/lib/onboarding/email-verification";

export const POST = withPublic(verifyEmailContract, async (_ctx, { body }) => verifyEmail(body.token));
