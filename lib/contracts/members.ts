import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { changeRoleInput } from "@/lib/members/change-member";
import { inviteMemberInput } from "@/lib/members/invite-member";
import { id, roleSchema, timestamp } from "./fields";

const inviteSchema = z.object({
  id: id("Invite id"),
  email: z.string().describe("Address invited"),
  role: roleSchema,
  expiresAt: timestamp("When the invite stops working"),
  createdAt: timestamp("When it was sent"),
});

export const listMembersContract = defineContract({
  name: "members.list",
  method: "GET",
  path: "/api/orgs/{org}/members",
  auth: { kind: "session", permission: "org:read" },
  summary: "List members and open invites",
  description: "Members oldest first, then invites that are neither accepted, revoked nor expired.",
  responses: {
    200: z.object({
      members: z.array(
        z.object({
          id: id("Membership id"),
          role: roleSchema,
          createdAt: timestamp("When they joined"),
          user: z
            .object({
              id: id("User id"),
              email: z.string().describe("Sign-in address"),
              name: z.string().nullable().describe("Display name"),
            })
            .describe("The member's account"),
        }),
      ),
      invites: z.array(inviteSchema),
    }),
  },
});

export const inviteMemberContract = defineContract({
  name: "members.invite",
  method: "POST",
  path: "/api/orgs/{org}/members",
  auth: { kind: "session", permission: "members:manage" },
  summary: "Invite a member",
  description:
    "Returns the one-time invite link (on the configured base URL, NEXTAUTH_URL) and mails it to the invitee when SMTP is configured. Only an owner can grant OWNER.",
  body: inviteMemberInput,
  responses: {
    201: z.object({
      invite: inviteSchema.extend({
        url: z.string().describe("One-time accept link"),
        emailed: z.boolean().describe("Whether the link was mailed to the invitee (SMTP configured)"),
      }),
    }),
  },
  errors: { conflict: "Already a member" },
});

export const changeMemberRoleContract = defineContract({
  name: "members.changeRole",
  method: "PATCH",
  path: "/api/orgs/{org}/members/{memberId}",
  auth: { kind: "session", permission: "members:manage" },
  summary: "Change a member's role",
  description: "The last owner cannot be demoted.",
  body: changeRoleInput,
  responses: { 200: z.object({ member: z.object({ id: id("Membership id"), role: roleSchema }) }) },
  errors: { not_found: "No such member", conflict: "It would leave no owner" },
});

export const removeMemberContract = defineContract({
  name: "members.remove",
  method: "DELETE",
  path: "/api/orgs/{org}/members/{memberId}",
  auth: { kind: "session", permission: "members:manage" },
  summary: "Remove a member",
  description: "The last owner cannot be removed.",
  responses: { 200: z.object({ removed: z.literal(true).describe("Always true") }) },
  errors: { not_found: "No such member", conflict: "It would leave no owner" },
});

export const revokeInviteContract = defineContract({
  name: "invites.revoke",
  method: "DELETE",
  path: "/api/orgs/{org}/invites/{inviteId}",
  auth: { kind: "session", permission: "members:manage" },
  summary: "Revoke a pending invite",
  description: "Its link stops working at once. Revoking twice is harmless; an accepted invite cannot be revoked.",
  responses: { 200: z.object({ revoked: z.literal(true).describe("Always true") }) },
  errors: { not_found: "No such invite in this organisation", conflict: "Already accepted" },
});

export const acceptInviteContract = defineContract({
  name: "invites.accept",
  method: "POST",
  path: "/api/invites/{token}/accept",
  auth: { kind: "user" },
  summary: "Accept an invite",
  description: "The signed-in user whose address the invite names joins the organisation.",
  responses: { 200: z.object({ organization: z.object({ slug: z.string().describe("Organisation joined") }) }) },
  errors: { not_found: "Invite unknown or expired", forbidden: "The invite is for another address" },
});
