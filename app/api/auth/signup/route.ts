import { reply } from "@/lib/api/define-contract";
import { withPublic } from "@/lib/api/with-public";
import { signUpContract } from "@/lib/contracts/organizations";
import { sendVerificationEmail } from "@/lib/onboarding/email-verification";
import { signUp } from "@/lib/onboarding/sign-up";

export const POST = withPublic(signUpContract, async (_ctx, { body }) => {
  const result = await signUp(body);
  await sendVerificationEmail(result.user.id);
  return reply(201, { user: result.user, organization: result.org });
});
