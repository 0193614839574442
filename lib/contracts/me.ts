import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";

export const meContract = defineContract({
  name: "me",
  method: "GET",
  path: "/api/v1/me",
  auth: { kind: "apiKey", scope: "read" },
  summary: "Who am I",
  description: "The organisation and key a service's API key resolves to.",
  responses: {
    200: z.object({
      organization: z
        .object({ slug: z.string().describe("URL name of the key's organisation") })
        .describe("The key's organisation"),
      apiKey: z
        .object({
          id: z.string().nullable().describe("Id of the key"),
          scopes: z.array(z.enum(["ingest", "read", "admin"])).describe("What the key may do"),
        })
        .describe("The key itself"),
    }),
  },
});

export const openApiContract = defineContract({
  name: "openapi",
  method: "GET",
  path: "/api/v1/openapi.json",
  auth: { kind: "public" },
  summary: "OpenAPI document",
  description: "This reference as OpenAPI 3.1, generated from the route contracts.",
  responses: { 200: z.record(z.string(), z.unknown()).describe("An OpenAPI 3.1 document") },
});
