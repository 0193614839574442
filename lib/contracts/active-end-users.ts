import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { activeEndUsersQuery } from "@/lib/rollups/count-active-end-users";
import { timestamp } from "./fields";

export const activeEndUsersContract = defineContract({
  name: "spend.activeEndUsers",
  method: "GET",
  path: "/api/orgs/{org}/active-end-users",
  auth: { kind: "session", permission: "org:read" },
  summary: "Count active end users",
  description: "Distinct end users with usage in [from, to).",
  query: activeEndUsersQuery,
  responses: {
    200: z.object({
      from: timestamp("Start of the range"),
      to: timestamp("End of the range (exclusive)"),
      activeEndUsers: z.number().int().describe("Distinct end users"),
    }),
  },
});
