import { ClientApiError } from "@/lib/client/api-fetch";

/** The API's `issues`, keyed by field path ("prices.input"), for messages under the fields. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ClientApiError)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path] ??= issue.message;
  return out;
}

/** The form-level message: shown when no field carries the problem. */
export function formMessage(error: unknown, fields: string[]): string | null {
  if (!error) return null;
  const errs = fieldErrors(error);
  if (fields.some((f) => errs[f])) return "Check the highlighted fields.";
  return error instanceof Error ? error.message : "Something went wrong";
}
