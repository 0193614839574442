import { reply } from "@/lib/api/define-contract";
import { withPublic } from "@/lib/api/with-public";
import { requestPasswordResetContract } from "@/lib/contracts/account";
import { requestPasswordReset } from "@/lib/onboarding/passwords";

export const POST = withPublic(requestPasswordResetContract, async (_ctx, { body }) => {
  await requestPasswordReset(body);
  return reply(202, { accepted: true as const });
});
