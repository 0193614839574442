import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { createOrganizationInput } from "@/lib/onboarding/create-organization";
import { signUpInput } from "@/lib/onboarding/sign-up";
import { id, organizationSchema, roleSchema } from "./fields";

export const listOrganizationsContract = defineContract({
  name: "organizations.list",
  method: "GET",
  path: "/api/orgs",
  auth: { kind: "user" },
  summary: "List my organisations",
  description: "The organisations the signed-in user is a member of, with their role in each.",
  responses: { 200: z.object({ organizations: z.array(organizationSchema.extend({ role: roleSchema })) }) },
});

export const createOrganizationContract = defineContract({
  name: "organizations.create",
  method: "POST",
  path: "/api/orgs",
  auth: { kind: "user" },
  summary: "Create an organisation",
  description: "The signed-in user becomes its OWNER.",
  body: createOrganizationInput,
  responses: { 201: z.object({ organization: organizationSchema }) },
});

export const signUpContract = defineContract({
  name: "auth.signup",
  method: "POST",
  path: "/api/auth/signup",
  auth: { kind: "public", rateLimit: "SIGNUP_RATE_LIMIT_PER_MINUTE" },
  summary: "Sign up",
  description:
    "Creates a user and their organisation, of which they become OWNER. With `inviteToken` (the invite's address only) no organisation is created: the invite is accepted on its page once the address is confirmed, and `organization` is null.",
  body: signUpInput,
  responses: {
    201: z.object({
      user: z.object({ id: id("User id"), email: z.string().describe("Sign-in address") }),
      organization: organizationSchema.nullable(),
      invite: z
        .object({ organizationName: z.string(), role: roleSchema })
        .optional()
        .describe("The organisation the invite joins (sign-up with inviteToken)"),
    }),
  },
  errors: { conflict: "An account with this email exists" },
});
