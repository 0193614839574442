import { withUser } from "@/lib/api/with-session";
import { changePasswordContract } from "@/lib/contracts/account";
import { clientAddressOf } from "@/lib/net/client-address";
import { changePassword } from "@/lib/onboarding/passwords";

export const POST = withUser(changePasswordContract, async ({ user }, { req, body }) => {
  await changePassword(user, body, clientAddressOf(req.headers));
  return { changed: true as const };
});
