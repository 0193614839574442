import type { z } from "zod";
import { AppError, invalidRequest } from "@/lib/errors";
import { findNul } from "./find-nul";

/** Reads a JSON body and validates it; a malformed body or a bad field is a 400 naming it. */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw new AppError("unsupported_media_type", "Content-Type must be application/json", [
      { path: "content-type", message: `expected application/json, got ${type || "nothing"}` },
    ]);
  }
  let raw: unknown;
  try {
    raw = await req.json();
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
