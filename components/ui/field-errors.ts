import { ClientApiError } from "@/lib/client/api-fetch";
import { formSummary, issueSentence } from "@/lib/client/issue-sentence";

/** The API's `issues`, keyed by field path ("prices.input"), as sentences for the messages under the fields. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ClientApiError)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path] ??= issueSentence(issue.message);
  return out;
}

/**
 * The form-level message: "check the fields marked below" when fields of the form carry the problems,
 * else the error itself as a sentence (naming the field when it is not one the form shows).
 */
export function formMessage(error: unknown, fields: string[]): string | null {
  if (!error) return null;
  const errs = fieldErrors(error);
  const shown = fields.filter((f) => errs[f]).length;
  if (shown) return formSummary("", shown);
  return error instanceof Error ? formSummary(error.message, 0) : "Something went wrong.";
}
