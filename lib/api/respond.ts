import { NextResponse } from "next/server";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { HTTP_STATUS } from "./http-status";

/** Postgres is down, restarting or out of connections: the client should come back shortly. */
const DATABASE_UNAVAILABLE = new AppError(
  "unavailable",
  "The database is temporarily unavailable; retry after Retry-After seconds",
  [],
  2,
);

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
  if (isDatabaseUnavailable(err)) {
    log.warn({ err: { message: (err as Error).message }, ...context }, "database unavailable; answered 503");
    return errorResponse(DATABASE_UNAVAILABLE, context);
  }
  log.error({ err, ...context }, "unhandled error in route handler");
  const internal = new AppError("internal_error", "Something went wrong on our side. It has been logged.");
  return NextResponse.json(internal.body(), { status: 500 });
}
