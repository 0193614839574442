import type { PathParams } from "@/lib/api/define-contract";
import type { CONTRACTS } from "@/lib/contracts";

/** Every path of the route contracts (type only: no server code reaches the browser bundle). */
export type ApiPath = (typeof CONTRACTS)[number]["path"];
type QueryValue = string | number | boolean | null | undefined | readonly string[];

/**
 * The one way the dashboard builds an API URL: a path of a registered contract (checked at
 * compile time), its parameters filled in and encoded, and the query without undefined/null values.
 */
export function apiUrl<P extends ApiPath>(
  path: P,
  args: { params?: PathParams<P>; query?: Record<string, QueryValue> } = {},
): string {
  const params = (args.params ?? {}) as Record<string, string>;
  const filled = path.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`apiUrl(${path}): missing parameter ${k}`);
    return encodeURIComponent(v);
  });
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(args.query ?? {})) {
    if (v === undefined || v === null) continue;
    for (const one of Array.isArray(v) ? v : [v]) qs.append(k, String(one));
  }
  const s = qs.toString();
  return s ? `${filled}?${s}` : filled;
}
