import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { createApiKeyInput } from "@/lib/apikeys/create-api-key";
import { id, jsonValue, nullableTimestamp, timestamp } from "./fields";

const apiKeySchema = z.object({
  id: id("API key id"),
  name: z.string().describe("Name given at creation"),
  prefix: z.string().describe("First characters of the key, to recognise it"),
  scopes: z.array(z.enum(["ingest", "read", "admin"])).describe("What the key may do"),
  defaultAttribution: jsonValue("Attribution applied to events that do not carry their own").nullable(),
  lastUsedAt: nullableTimestamp("Last time the key authenticated"),
  revokedAt: nullableTimestamp("When the key was revoked; null while active"),
  createdAt: timestamp("When the key was created"),
});

export const listApiKeysContract = defineContract({
  name: "apiKeys.list",
  method: "GET",
  path: "/api/orgs/{org}/api-keys",
  auth: { kind: "session", permission: "apikeys:manage" },
  summary: "List API keys",
  description:
    "Every key of the organisation, active first, with its creator; secrets are never returned. Removing a member revokes the keys they created.",
  responses: {
    200: z.object({
      apiKeys: z.array(
        apiKeySchema.extend({
          createdBy: z
            .object({
              id: id("User id of the creator"),
              email: z.string().nullable().describe("The creator's address; null once their account is gone"),
            })
            .nullable()
            .describe("Who created the key; null for the key of the headless initialisation"),
        }),
      ),
    }),
  },
});

export const createApiKeyContract = defineContract({
  name: "apiKeys.create",
  method: "POST",
  path: "/api/orgs/{org}/api-keys",
  auth: { kind: "session", permission: "apikeys:manage" },
  summary: "Create an API key",
  description: "The response carries the full secret; it is shown this once and stored only hashed.",
  body: createApiKeyInput,
  responses: {
    201: z.object({ apiKey: apiKeySchema.extend({ secret: z.string().describe("The full key, shown once") }) }),
  },
});

export const revokeApiKeyContract = defineContract({
  name: "apiKeys.revoke",
  method: "DELETE",
  path: "/api/orgs/{org}/api-keys/{keyId}",
  auth: { kind: "session", permission: "apikeys:manage" },
  summary: "Revoke an API key",
  description: "Revoking twice is harmless; a key of another organisation is not found.",
  responses: {
    200: z.object({ apiKey: z.object({ id: id("API key id"), revokedAt: nullableTimestamp("Revoked at") }) }),
  },
  errors: { not_found: "No such key in this organisation" },
});
