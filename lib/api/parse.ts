import type { z } from "zod";
import { AppError, invalidRequest } from "@/lib/errors";
import { findNul } from "./find-nul";
import { readLimitedText } from "./request-guards";

/**
 * Reads a JSON body of at most `limit` bytes and validates it; a malformed body or a bad field is a 400
 * naming it, a larger body a 413 (its media type was checked by guardRequest).
 */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S, limit: number): Promise<z.infer<S>> {
  const text = await readLimitedText(req, limit);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "Body is not valid JSON", [{ path: "body", message: "malformed JSON" }]);
  }
  return parseWith(schema, raw);
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const nul = findNul(value);
  if (nul)
    throw new AppError("invalid_request", `${nul}: must not contain NUL characters`, [
      { path: nul, message: "must not contain NUL (\\u0000) characters" },
    ]);
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(result.error);
  return result.data;
}

export function parseQuery<S extends z.ZodType>(url: string, schema: S): z.infer<S> {
  const params = new URL(url).searchParams;
  const obj: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    obj[key] = all.length > 1 ? all : all[0]!;
  }
  return parseWith(schema, obj);
}
