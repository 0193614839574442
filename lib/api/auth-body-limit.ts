import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { HTTP_STATUS } from "./http-status";

/** next-auth's forms (credentials, CSRF token, callback URL) fit in a few hundred bytes. */
export const AUTH_MAX_BODY_BYTES = 16 * 1024;

/**
 * A 413 for a next-auth POST whose declared body is larger than AUTH_MAX_BODY_BYTES, or that has no
 * declared length (a chunked body next-auth would read whole); null when it may go on.
 */
export function limitAuthBody(req: Request): NextResponse | null {
  const length = req.headers.get("content-length");
  if (length !== null && Number(length) <= AUTH_MAX_BODY_BYTES) return null;
  const err = new AppError("payload_too_large", `Body exceeds ${AUTH_MAX_BODY_BYTES} bytes`, [
    { path: "body", message: length === null ? "no Content-Length" : `larger than ${AUTH_MAX_BODY_BYTES} bytes` },
  ]);
  return NextResponse.json(err.body(), { status: HTTP_STATUS.payload_too_large });
}
