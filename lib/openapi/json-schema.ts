import { z } from "zod";

type Json = Record<string, unknown>;

const SAFE = Number.MAX_SAFE_INTEGER;
/** Drops noise a reader gains nothing from: the safe-integer bounds zod adds, the date-time regex. */
function tidy(_key: string, value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const v = { ...(value as Json) };
  if (v.minimum === -SAFE) delete v.minimum;
  if (v.maximum === SAFE) delete v.maximum;
  if (v.format === "date-time") delete v.pattern;
  return v;
}

/**
 * JSON Schema (2020-12) of a zod schema for an OpenAPI document: schemas with a `.meta({ id })`
 * become shared components (collected into `components`), referenced by `#/components/schemas/<id>`.
 */
export function jsonSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, Json>): Json {
  const out = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any", reused: "inline" }) as Json;
  const text = JSON.stringify(out, tidy).replaceAll('"#/$defs/', '"#/components/schemas/');
  const { $schema: _s, $defs, ...rest } = JSON.parse(text) as Json & { $defs?: Record<string, Json> };
  for (const [id, def] of Object.entries($defs ?? {})) components[id] ??= def;
  const id = z.globalRegistry.get(schema)?.id;
  if (id) {
    components[id] ??= rest;
    return { $ref: `#/components/schemas/${id}` };
  }
  return rest;
}
