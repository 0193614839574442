import { env } from "@/lib/env";

/**
 * Operators run the deployment (the global price catalog is shared by every tenant, so no
 * organisation role may change it). They are named by BURNRATE_OPERATOR_EMAILS.
 */
export function isOperator(email: string): boolean {
  return env().BURNRATE_OPERATOR_EMAILS.includes(email.toLowerCase());
}
