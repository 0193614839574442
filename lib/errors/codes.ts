import { z } from "zod";

/**
 * The fixed set of error codes, defined once: domain code throws them, the route wrappers map
 * them to HTTP statuses (lib/api/http-status.ts), the OpenAPI document lists them from here.
 */
export const errorCodeSchema = z.enum([
  "invalid_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "internal_error",
  "unavailable",
]);

export type ErrorCode = z.infer<typeof errorCodeSchema>;
