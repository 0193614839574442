/** A JSON Schema node of the OpenAPI document, as far as the reference page reads it. */
export type SchemaNode = {
  $ref?: string;
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  multipleOf?: number;
  default?: unknown;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  required?: string[];
};

export type Row = { name: string; depth: number; type: string; required: boolean; limits: string; description: string };

const n = (v: number) => v.toLocaleString("en-US");
const refName = (ref: string) => ref.split("/").pop() ?? ref;

export function resolve(node: SchemaNode, schemas: Record<string, SchemaNode>): SchemaNode {
  return node.$ref
    ? { ...schemas[refName(node.$ref)], description: node.description ?? schemas[refName(node.$ref)]?.description }
    : node;
}

export function typeOf(p: SchemaNode): string {
  if (p.$ref) return refName(p.$ref);
  if (p.const !== undefined) return JSON.stringify(p.const);
  if (p.enum) return p.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = p.anyOf ?? p.oneOf;
  if (union) return union.map(typeOf).join(" | ");
  if (p.type === "array" && p.items) return `${typeOf(p.items)}[]`;
  if (p.type === "object" && !p.properties && p.additionalProperties && typeof p.additionalProperties === "object")
    return `map of ${typeOf(p.additionalProperties)}`;
  const t = Array.isArray(p.type) ? p.type.join(" | ") : (p.type ?? "any");
  return p.format ? `${t} (${p.format})` : t;
}

/** Limits in words with readable numbers: "≤ 1,000 items", "≤ 50,000,000". */
export function limits(p: SchemaNode): string {
  const out: string[] = [];
  if (p.minimum !== undefined) out.push(`≥ ${n(p.minimum)}`);
  if (p.exclusiveMinimum !== undefined) out.push(`> ${n(p.exclusiveMinimum)}`);
  if (p.maximum !== undefined) out.push(`≤ ${n(p.maximum)}`);
  if (p.minLength !== undefined && p.minLength > 0) out.push(`≥ ${n(p.minLength)} chars`);
  if (p.maxLength !== undefined) out.push(`≤ ${n(p.maxLength)} chars`);
  if (p.minItems !== undefined && p.minItems > 0) out.push(`≥ ${n(p.minItems)} items`);
  if (p.maxItems !== undefined) out.push(`≤ ${n(p.maxItems)} items`);
  if (p.multipleOf !== undefined) out.push(`step ${p.multipleOf}`);
  if (p.default !== undefined) out.push(`default ${JSON.stringify(p.default)}`);
  for (const alt of p.anyOf ?? []) if (limits(alt)) out.push(`${typeOf(alt)}: ${limits(alt)}`);
  return out.join(", ");
}

/** Flattens an object schema into rows: nested objects and arrays of objects as `a.b` / `a[].b`. */
export function rowsOf(schema: SchemaNode, schemas: Record<string, SchemaNode>, prefix = "", depth = 0): Row[] {
  const s = resolve(schema, schemas);
  const rows: Row[] = [];
  for (const [name, raw] of Object.entries(s.properties ?? {})) {
    const p = resolve(raw, schemas);
    const full = `${prefix}${name}`;
    rows.push({
      name: full,
      depth,
      type: typeOf(raw),
      required: s.required?.includes(name) ?? false,
      limits: limits(p),
      description: p.description ?? "",
    });
    const inner = p.type === "array" && p.items ? resolve(p.items, schemas) : p;
    const nullable = (p.anyOf ?? []).map((a) => resolve(a, schemas)).find((a) => a.properties);
    const nested = inner.properties ? inner : nullable;
    if (nested && depth < 4)
      rows.push(...rowsOf(nested, schemas, `${full}${p.type === "array" ? "[]" : ""}.`, depth + 1));
  }
  return rows;
}
