import { reply } from "@/lib/api/define-contract";
import { withUser } from "@/lib/api/with-session";
import { sendVerificationContract } from "@/lib/contracts/account";
import { sendVerificationEmail } from "@/lib/onboarding/email-verification";

export const POST = withUser(sendVerificationContract, async ({ user }) =>
  reply(202, { sent: await sendVerificationEmail(user.id) }),
);
