import type { ErrorCode } from "./codes";

/** One wrong field: `events[3].model`, and what is wrong with it. */
export type Issue = { path: string; message: string };

/**
 * The one error the domain throws. It knows nothing of HTTP: a code from the fixed set, a
 * message for people, the fields at fault and, for `rate_limited`, when to come back.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: Issue[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  static notFound(what = "Not found"): AppError {
    return new AppError("not_found", what);
  }

  /** A 400-kind error about one field. */
  static invalid(path: string, message: string, summary = `${path}: ${message}`): AppError {
    return new AppError("invalid_request", summary, [{ path, message }]);
  }

  /** The error shape of the API: `{ error: { code, message, issues? } }`. */
  body() {
    return {
      error: { code: this.code, message: this.message, ...(this.issues.length ? { issues: this.issues } : {}) },
    };
  }
}
