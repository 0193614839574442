import { randomUUID } from "node:crypto";
import { signUp } from "@/lib/onboarding/sign-up";
import { userContext, type OrgContext } from "@/lib/tenancy/context";

/** A fresh user + organisation in the run's database, and the OWNER's context. */
export async function newOrg(label = "org"): Promise<OrgContext & { email: string }> {
  const email = `${label}-${randomUUID().slice(0, 8)}@test.local`;
  const { user, org } = await signUp({ email, password: "factory passphrase 42", organizationName: `${label} Inc` });
  return { ...userContext(org, user, "OWNER"), email };
}
