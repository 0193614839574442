import { z } from "zod";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { assertStrongPassword } from "@/lib/auth/password-policy";
import { findInvite } from "@/lib/members/accept-invite";
import { createOrganizationFor } from "./create-organization";

export const signUpInput = z
  .strictObject({
    email: z.string().trim().toLowerCase().email("enter a valid email address").max(254),
    password: z.string().min(8, "use at least 8 characters").max(200),
    name: z.string().trim().max(100).optional(),
    organizationName: z.string().trim().max(100).optional(),
    /** The token of an invite: the account joins that organisation (once its address is confirmed), none is created. */
    inviteToken: z.string().min(1).max(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.inviteToken && !v.organizationName) {
      ctx.addIssue({ code: "custom", path: ["organizationName"], message: "name your organisation" });
    }
  });

type NewUser = { email: string; password: string; name?: string };

async function createUser(tx: Prisma.TransactionClient, input: NewUser, passwordHash: string) {
  return tx.user.create({ data: { email: input.email, name: input.name || null, passwordHash } });
}

function alreadyRegistered(err: unknown): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
    throw new AppError("conflict", "An account with this email already exists: sign in instead", [
      { path: "email", message: "already registered: sign in instead" },
    ]);
  }
  throw err;
}

/** Creates a user, their organisation, and makes them its OWNER, in one transaction. */
export async function signUp(input: NewUser & { organizationName: string }) {
  assertStrongPassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await createUser(tx, input, passwordHash);
      const org = await createOrganizationFor(tx, user, input.organizationName);
      return { user: { id: user.id, email: user.email }, org };
    });
  } catch (err) {
    alreadyRegistered(err);
  }
}

/**
 * Creates the account of an invited person, with no organisation of its own: the invite names the
 * address, and it is accepted on the invite page once the address is confirmed (an intercepted link
 * alone does not let anyone in).
 */
export async function signUpInvited(input: NewUser & { inviteToken: string }) {
  const invite = await findInvite(input.inviteToken);
  if (!invite) {
    throw AppError.invalid(
      "inviteToken",
      "this invite is invalid, was already used, or has expired: ask for a new one",
    );
  }
  if (invite.email !== input.email) {
    throw AppError.invalid("email", `this invite is for ${invite.email}: sign up with that address`);
  }
  assertStrongPassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  const user = await db()
    .$transaction((tx) => createUser(tx, input, passwordHash))
    .catch(alreadyRegistered);
  return {
    user: { id: user.id, email: user.email },
    invite: { organizationName: invite.org.name, role: invite.role },
  };
}
