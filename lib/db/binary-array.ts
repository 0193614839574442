/**
 * One-dimensional PostgreSQL arrays in the binary wire format (what `array_send` writes and
 * `array_recv` reads). node-postgres sends a Buffer parameter as binary, so a bulk statement can
 * pass whole columns without pg's text escaping on our side or array_in's parsing on the server's.
 * The statement must cast the parameter to the matching array type (e.g. `$2::int4[]`).
 */
export type ArrayElementType = "text" | "int4" | "int8" | "bool" | "timestamptz" | "jsonb";

const OID: Record<ArrayElementType, number> = {
  text: 25,
  int4: 23,
  int8: 20,
  bool: 16,
  timestamptz: 1184,
  jsonb: 3802,
};
const FIXED_WIDTH: Partial<Record<ArrayElementType, number>> = { int4: 4, int8: 8, bool: 1, timestamptz: 8 };
const PG_EPOCH_MS = 946_684_800_000; // 2000-01-01T00:00:00Z, PostgreSQL's timestamp zero
const HEADER_BYTES = 20; // ndim, has-nulls flag, element OID, dimension length, lower bound

export type ArrayElement = string | number | bigint | boolean | Date | null;

/** Encodes `values` as a binary array of `type`; null elements become SQL NULL. */
export function encodeBinaryArray(type: ArrayElementType, values: readonly ArrayElement[]): Buffer {
  const fixed = FIXED_WIDTH[type];
  const texts =
    fixed === undefined
      ? values.map((v) => (v === null ? null : type === "jsonb" ? `\u0001${v as string}` : (v as string)))
      : null;
  const lengths = texts
    ? texts.map((t) => (t === null ? -1 : Buffer.byteLength(t, "utf8")))
    : values.map((v) => (v === null ? -1 : fixed!));
  let size = HEADER_BYTES;
  let hasNulls = 0;
  for (const len of lengths) {
    size += 4 + Math.max(len, 0);
    if (len < 0) hasNulls = 1;
  }
  const buf = Buffer.allocUnsafe(size);
  let at = buf.writeInt32BE(1, 0);
  at = buf.writeInt32BE(hasNulls, at);
  at = buf.writeInt32BE(OID[type], at);
  at = buf.writeInt32BE(values.length, at);
  at = buf.writeInt32BE(1, at);
  for (let i = 0; i < values.length; i++) {
    const len = lengths[i]!;
    at = buf.writeInt32BE(len, at);
    if (len < 0) continue;
    const v = values[i]!;
    if (texts) at += buf.write(texts[i]!, at, len, "utf8");
    else if (type === "int4") at = buf.writeInt32BE(v as number, at);
    else if (type === "int8") at = buf.writeBigInt64BE(BigInt(v as bigint | number), at);
    else if (type === "bool") at = buf.writeUInt8(v ? 1 : 0, at);
    else at = buf.writeBigInt64BE(BigInt((v as Date).getTime() - PG_EPOCH_MS) * 1000n, at);
  }
  return buf;
}
