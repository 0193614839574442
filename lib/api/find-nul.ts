import { formatPath } from "@/lib/errors";

/** The path of the first string (or key) holding a NUL character, which Postgres text cannot store. */
export function findNul(value: unknown, path: PropertyKey[] = []): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? formatPath(path) || "body" : null;
  if (Array.isArray(value)) {
    // Stryker disable next-line EqualityOperator: equivalent, one index past the end is undefined and holds no NUL (docs/mutation.md)
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], [...path, i]);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) return formatPath([...path, k]);
      const hit = findNul(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}
