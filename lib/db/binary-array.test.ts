import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { closePgPool, pgPool } from "@/lib/db/pg-pool";
import { encodeBinaryArray, type ArrayElementType } from "./binary-array";

afterAll(closePgPool);

/** Sends the encoded array to Postgres and reads it back as text, element by element. */
async function roundTrip(
  type: ArrayElementType,
  values: (string | number | bigint | boolean | Date | null)[],
): Promise<(string | null)[]> {
  const out = type === "timestamptz" ? `to_char(v AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : "v::text";
  const { rows } = await pgPool().query<{ v: string | null }>(
    `SELECT ${out} AS v FROM unnest($1::${type}[]) WITH ORDINALITY AS t(v, i) ORDER BY i`,
    [encodeBinaryArray(type, values)],
  );
  return rows.map((r) => r.v);
}

describe("binary array parameters", () => {
  it("round-trips every element type, NULLs included, through Postgres", async () => {
    expect(await roundTrip("int4", [0, -1, 2147483647, -2147483648, null, 42])).toEqual([
      "0",
      "-1",
      "2147483647",
      "-2147483648",
      null,
      "42",
    ]);
    expect(await roundTrip("int8", [9223372036854775807n, -9223372036854775808n, null, 0n, 123456789012345n])).toEqual([
      "9223372036854775807",
      "-9223372036854775808",
      null,
      "0",
      "123456789012345",
    ]);
    expect(await roundTrip("bool", [true, false, null])).toEqual(["true", "false", null]);
    expect(
      await roundTrip("text", ["", "plain", "ünïcödé ✓ 🚀", 'quote " and \\ backslash, {braces}', null, "NULL"]),
    ).toEqual(["", "plain", "ünïcödé ✓ 🚀", 'quote " and \\ backslash, {braces}', null, "NULL"]);
    expect(await roundTrip("jsonb", ['{"a":"b","n":"ü"}', null])).toEqual(['{"a": "b", "n": "ü"}', null]);
    const dates = [
      new Date("2026-11-24T10:15:30.123Z"),
      new Date("1999-12-31T23:59:59.999Z"),
      new Date("2000-01-01T00:00:00.000Z"),
    ];
    expect(await roundTrip("timestamptz", [...dates, null])).toEqual([...dates.map((d) => d.toISOString()), null]);
  });

  it("agrees with Postgres on arbitrary strings and integers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.option(
            fc.string({ unit: "grapheme" }).filter((s) => !s.includes("\u0000")),
            { nil: null },
          ),
          { maxLength: 30 },
        ),
        fc.array(fc.option(fc.integer(), { nil: null }), { maxLength: 30 }),
        async (texts, ints) => {
          expect(await roundTrip("text", texts)).toEqual(texts);
          expect(await roundTrip("int4", ints)).toEqual(ints.map((i) => (i === null ? null : String(i))));
        },
      ),
      { numRuns: 50 },
    );
  });
});
