import { z } from "zod";
import { errorCodeSchema } from "@/lib/errors";

/** One wrong field, as every error response and every rejected event carries it. */
export const issueSchema = z
  .object({
    path: z
      .string()
      .describe("The field at fault, e.g. events[3].model")
      .meta({ examples: ["events[3].model"] }),
    message: z.string().describe("What is wrong with it"),
  })
  .meta({ id: "Issue" });

/** The one error shape of the API; its codes come from the one enum in lib/errors. */
export const errorBodySchema = z
  .object({
    error: z
      .object({
        code: errorCodeSchema.describe("Machine-readable error code"),
        message: z.string().describe("What went wrong, for people"),
        issues: z.array(issueSchema).optional().describe("The fields at fault, when the request was wrong"),
      })
      .describe("The error"),
  })
  .meta({ id: "Error" });
