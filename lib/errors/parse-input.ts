import type { z } from "zod";
import { invalidRequest } from "./zod-issues";

/** Validates a domain function's input; a bad field is an AppError invalid_request naming it. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(result.error);
  return result.data;
}
