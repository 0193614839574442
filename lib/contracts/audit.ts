import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { id, jsonValue, timestamp } from "./fields";

export const listAuditContract = defineContract({
  name: "audit.list",
  method: "GET",
  path: "/api/orgs/{org}/audit",
  auth: { kind: "session", permission: "audit:read" },
  summary: "Read the audit log",
  description:
    "Newest first, paginated by cursor; narrowed by actor, action and time range. `filters` lists the actors and actions that occur in the log.",
  query: z.strictObject({
    cursor: z.string().max(64).optional().describe("nextCursor of the previous page"),
    actor: z
      .string()
      .max(100)
      .optional()
      .describe("Only entries of this actor: `user:<id>` or `apiKey:<id>`, as listed in filters.actors"),
    action: z.string().max(100).optional().describe("Only entries of this action, e.g. api_key.created"),
    from: timestamp("Only entries at or after this time").optional(),
    to: timestamp("Only entries before this time").optional(),
    limit: z.coerce.number().int().min(1).max(200).optional().describe("Entries per page (default 50)"),
  }),
  responses: {
    200: z.object({
      items: z.array(
        z.object({
          id: id("Entry id"),
          orgId: id("Organisation id"),
          actorUserId: z.string().nullable().describe("User who acted"),
          actorApiKeyId: z.string().nullable().describe("API key that acted"),
          actorLabel: z.string().describe("Who acted, readable"),
          action: z.string().describe("What happened, e.g. api_key.created"),
          targetType: z.string().describe("Kind of thing acted on"),
          targetId: z.string().nullable().describe("Id of the thing acted on"),
          metadata: jsonValue("Details of the action"),
          createdAt: timestamp("When"),
        }),
      ),
      nextCursor: z.string().nullable().describe("Cursor of the next page; null on the last"),
      filters: z
        .object({
          actions: z.array(z.string()).describe("Actions that occur in the log"),
          actors: z
            .array(z.object({ value: z.string().describe("The actor filter value"), label: z.string() }))
            .describe("Actors that occur in the log"),
        })
        .describe("What the log can be filtered by"),
    }),
  },
});
