import { NextResponse } from "next/server";
import { ApiError } from "./errors";
import { log } from "@/lib/log";

export function json<T>(body: T, status = 200, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json(body, { status, headers });
}

/** Maps anything thrown by a handler to the one error shape; unknown errors become a logged 500. */
export function errorResponse(err: unknown, context: Record<string, unknown> = {}): NextResponse {
  if (err instanceof ApiError) {
    return NextResponse.json(err.body(), { status: err.status, headers: err.headers });
  }
  log.error({ err, ...context }, "unhandled error in route handler");
  const internal = new ApiError("internal_error", "Something went wrong on our side. It has been logged.");
  return NextResponse.json(internal.body(), { status: 500 });
}
