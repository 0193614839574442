import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { RouteContract } from "./define-contract";

/** Bodies larger than this are refused with 413 before they are read, unless a contract declares more. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The client's x-request-id when it is a plain token (echoed and logged), else a new one. */
export function requestIdOf(req: Request): string {
  const sent = req.headers.get("x-request-id");
  return sent && /^[A-Za-z0-9._:-]{1,128}$/.test(sent) ? sent : randomUUID();
}

export function maxBodyBytes(contract: RouteContract): number {
  return contract.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Body exceeds ${limit} bytes`, [
    { path: "body", message: `larger than ${limit} bytes` },
  ]);
}

/** The media type without parameters: "application/json; charset=utf-8" is application/json. */
function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** The origins a browser may send mutating dashboard requests from: this app's own. */
function sameOrigin(req: NextRequest, origin: string): boolean {
  const allowed = new Set([new URL(env().NEXTAUTH_URL).origin, req.nextUrl.origin]);
  return allowed.has(origin);
}

/**
 * Checks made before authentication and before any byte of the body is read: a declared size over the
 * route's limit (413); for routes that take a JSON body, exactly application/json (415); and for routes
 * a browser calls with cookies (all but API-key routes), a mutating request from another site (403).
 */
export function guardRequest(contract: RouteContract, req: NextRequest): void {
  if (!MUTATING.has(req.method)) return;
  const limit = maxBodyBytes(contract);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (!Number.isFinite(declared) || declared > limit) throw tooLarge(limit);
  if (contract.body && mediaType(req) !== "application/json") {
    const got = req.headers.get("content-type");
    throw new AppError("unsupported_media_type", "Content-Type must be application/json", [
      { path: "content-type", message: `expected application/json, got ${got || "nothing"}` },
    ]);
  }
  if (contract.auth.kind === "apiKey") return;
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  if ((origin && origin !== "null" && !sameOrigin(req, origin)) || origin === "null" || site === "cross-site") {
    throw new AppError("forbidden", "Cross-origin request refused", [
      { path: "origin", message: `${origin ?? site} is not this site` },
    ]);
  }
}

/** Reads the body as text, at most `limit` bytes (a chunked body has no Content-Length to refuse early). */
export async function readLimitedText(req: Request, limit: number): Promise<string> {
  if (!req.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

/** Path parameters as Next.js decoded them; a malformed percent-encoding is a 400, not a 500. */
export async function pathParams(
  args: { params: Promise<Record<string, string | string[]>> } | undefined,
): Promise<Record<string, string>> {
  let params: Record<string, string | string[]>;
  try {
    params = (await args?.params) ?? {};
  } catch {
    throw new AppError("invalid_request", "Malformed path", [{ path: "path", message: "bad percent-encoding" }]);
  }
  for (const [name, value] of Object.entries(params)) {
    const v = Array.isArray(value) ? value.join("/") : value;
    if (v.length > 200 || /%[^0-9a-fA-F]|%.[^0-9a-fA-F]|%.?$/.test(v) || v.includes("\u0000")) {
      throw new AppError("invalid_request", `Malformed path parameter ${name}`, [{ path: name, message: "malformed" }]);
    }
  }
  return params as Record<string, string>;
}
