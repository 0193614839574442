import { withPublic } from "@/lib/api/with-public";
import { resetPasswordContract } from "@/lib/contracts/account";
import { resetPassword } from "@/lib/onboarding/passwords";

export const POST = withPublic(resetPasswordContract, async (_ctx, { body }) => {
  await resetPassword(body);
  return { reset: true as const };
});
