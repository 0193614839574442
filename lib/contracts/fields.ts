import { z } from "zod";

/** Small schemas the contracts share: timestamps, ids and the roles, each described once. */
export const timestamp = (what: string) => z.iso.datetime({ offset: true }).describe(what);
export const nullableTimestamp = (what: string) => z.iso.datetime({ offset: true }).nullable().describe(what);
export const id = (what: string) => z.string().describe(what);
export const roleSchema = z
  .enum(["OWNER", "ADMIN", "FINANCE", "ENGINEER", "VIEWER"])
  .describe("The member's role, which decides what they may do");
export const organizationSchema = z.object({
  id: id("Organisation id"),
  slug: z.string().describe("URL name of the organisation"),
  name: z.string().describe("Display name"),
});
/** Arbitrary JSON (a price set, audit metadata): documented, not constrained. */
export const jsonValue = (what: string) => z.unknown().describe(what);
