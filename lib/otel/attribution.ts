import { AppError } from "@/lib/errors";
import type { Attributes } from "./decode-traces";

export const DIMENSIONS = ["team", "feature", "customer", "endUser", "environment"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** For each dimension, the span or resource attribute keys read for it, first found wins. */
export type AttributeKeys = Record<Dimension, string[]>;

export const DEFAULT_ATTRIBUTE_KEYS: AttributeKeys = {
  team: ["burnrate.team"],
  feature: ["burnrate.feature"],
  customer: ["burnrate.customer"],
  endUser: ["enduser.id", "burnrate.end_user"],
  environment: ["deployment.environment.name", "deployment.environment"],
};

/** The request header that replaces a dimension's keys, e.g. `x-burnrate-team-attribute: app.team`. */
export const headerOf = (d: Dimension) =>
  `x-burnrate-${d === "endUser" ? "end-user" : d}-attribute` as `x-burnrate-${string}-attribute`;

/**
 * The attribute keys for this request: the defaults, each replaceable by its header (a comma-separated list of
 * attribute keys), so that `OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer …,x-burnrate-team-attribute=app.team`
 * configures it. A malformed header is a 400 naming it.
 */
export function attributeKeysFrom(headers: Headers): AttributeKeys {
  const keys = { ...DEFAULT_ATTRIBUTE_KEYS };
  for (const d of DIMENSIONS) {
    const raw = headers.get(headerOf(d));
    if (raw === null) continue;
    const list = raw.split(",").map((k) => k.trim());
    if (list.length > 5 || list.some((k) => !/^[A-Za-z0-9._:/-]{1,128}$/.test(k))) {
      throw new AppError("invalid_request", `Header ${headerOf(d)} must list 1 to 5 attribute keys`, [
        { path: headerOf(d), message: "comma-separated attribute keys of [A-Za-z0-9._:/-], each at most 128" },
      ]);
    }
    keys[d] = list;
  }
  return keys;
}

/** A dimension's value: the span's attribute, else the resource's, for the first key that has one. */
export function attributeValue(keys: string[], span: Attributes, resource: Attributes): string | undefined {
  for (const k of keys) {
    for (const bag of [span, resource]) {
      const v = bag[k];
      if ((typeof v === "string" && v.trim() !== "") || typeof v === "number") return String(v).trim();
    }
  }
  return undefined;
}
