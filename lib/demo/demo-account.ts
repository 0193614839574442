import { AppError } from "@/lib/errors";

/** The demo organisation and its owner, whose password is published (README): seeded only on request. */
export const DEMO_ACCOUNT = {
  slug: "demo",
  name: "Acme AI (demo)",
  email: "demo@burnrate.local",
  password: "burnrate-demo",
} as const;

export function isDemoAccount(email: string): boolean {
  return email.trim().toLowerCase() === DEMO_ACCOUNT.email;
}

/** Anyone may sign in as the demo owner: it must never own anything but the demo organisation. */
export function assertMayOwn(email: string, field = "email"): void {
  if (isDemoAccount(email)) {
    throw new AppError("forbidden", "The demo account (its password is public) cannot own an organisation", [
      { path: field, message: "the demo account cannot be an owner" },
    ]);
  }
}
