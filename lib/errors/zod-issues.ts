import type { ZodError } from "zod";
import { AppError, type Issue } from "./app-error";

/** `events[3].model` style path from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export function zodIssues(error: ZodError, prefix: readonly PropertyKey[] = []): Issue[] {
  return error.issues.map((i) => {
    const keys = i.code === "unrecognized_keys" ? i.keys : [];
    const path = formatPath([...prefix, ...i.path, ...(keys.length === 1 ? keys : [])]) || "body";
    return { path, message: i.message };
  });
}

export function invalidRequest(error: ZodError, prefix: readonly PropertyKey[] = []): AppError {
  const issues = zodIssues(error, prefix);
  const first = issues[0];
  return new AppError("invalid_request", first ? `${first.path}: ${first.message}` : "Invalid request", issues);
}
