import { z } from "zod";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { assertStrongPassword } from "@/lib/auth/password-policy";
import { createOrganizationFor } from "./create-organization";

export const signUpInput = z.strictObject({
  email: z.string().trim().toLowerCase().email("enter a valid email address").max(254),
  password: z.string().min(8, "use at least 8 characters").max(200),
  name: z.string().trim().max(100).optional(),
  organizationName: z.string().trim().min(1, "name your organisation").max(100),
});

/** Creates a user, their organisation, and makes them its OWNER, in one transaction. */
export async function signUp(input: z.infer<typeof signUpInput>) {
  assertStrongPassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name || null, passwordHash } });
      const org = await createOrganizationFor(tx, user, input.organizationName);
      return { user: { id: user.id, email: user.email }, org };
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new AppError("conflict", "An account with this email already exists", [
        { path: "email", message: "already registered" },
      ]);
    }
    throw err;
  }
}
