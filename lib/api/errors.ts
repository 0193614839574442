import type { ZodError } from "zod";

export type ApiErrorCode =
  | "invalid_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "internal_error";

const STATUS: Record<ApiErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
};

export type ApiIssue = { path: string; message: string };

/** The one error type route handlers throw; mapped to the one error shape of the API. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues: ApiIssue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }

  static notFound(what = "Not found"): ApiError {
    return new ApiError("not_found", what);
  }

  body() {
    return {
      error: { code: this.code, message: this.message, ...(this.issues.length ? { issues: this.issues } : {}) },
    };
  }
}

/** `events[3].model` style path from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export function zodIssues(error: ZodError, prefix: readonly PropertyKey[] = []): ApiIssue[] {
  return error.issues.map((i) => {
    const keys = i.code === "unrecognized_keys" ? i.keys : [];
    const path = formatPath([...prefix, ...i.path, ...(keys.length === 1 ? keys : [])]) || "body";
    return { path, message: i.message };
  });
}

export function invalidRequest(error: ZodError, prefix: readonly PropertyKey[] = []): ApiError {
  const issues = zodIssues(error, prefix);
  const first = issues[0];
  return new ApiError("invalid_request", first ? `${first.path}: ${first.message}` : "Invalid request", issues);
}
