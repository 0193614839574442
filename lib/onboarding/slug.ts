import { randomBytes } from "node:crypto";

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,47}$/;

/** A URL slug from an organisation name, with a short random suffix to keep it unique. */
export function slugFor(name: string): string {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 36) || "org";
  return `${base}-${randomBytes(3).toString("hex")}`;
}
