import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { HTTP_STATUS } from "./http-status";

export function json<T>(body: T, status = 200, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json(body, { status, headers });
}

/** Maps anything thrown by a handler to the one error shape; unknown errors become a logged 500. */
export function errorResponse(err: unknown, context: Record<string, unknown> = {}): NextResponse {
  if (err instanceof AppError) {
    const headers: Record<string, string> =
      err.retryAfterSeconds === undefined ? {} : { "Retry-After": String(Math.max(1, err.retryAfterSeconds)) };
    return NextResponse.json(err.body(), { status: HTTP_STATUS[err.code], headers });
  }
  log.error({ err, ...context }, "unhandled error in route handler");
  const internal = new AppError("internal_error", "Something went wrong on our side. It has been logged.");
  return NextResponse.json(internal.body(), { status: 500 });
}
