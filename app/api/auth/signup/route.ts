import { reply } from "@/lib/api/define-contract";
import { withPublic } from "@/lib/api/with-public";
import { signUpContract } from "@/lib/contracts/organizations";
import { sendVerificationEmail } from "@/lib/onboarding/email-verification";
import { signUp, signUpInvited } from "@/lib/onboarding/sign-up";

export const POST = withPublic(signUpContract, async (_ctx, { body }) => {
  const { inviteToken, organizationName, ...account } = body;
  if (inviteToken) {
    const result = await signUpInvited({ ...account, inviteToken });
    await sendVerificationEmail(result.user.id, `/invite/${encodeURIComponent(inviteToken)}`);
    return reply(201, { user: result.user, organization: null, invite: result.invite });
  }
  const result = await signUp({ ...account, organizationName: organizationName ?? "" });
  await sendVerificationEmail(result.user.id);
  return reply(201, { user: result.user, organization: result.org });
});
