// "Ready to be distributed" (docs/scaling.md): the schema can be sharded by orgId on Citus.
// - A tenant table (a model with an orgId field) has no primary key or unique index without orgId,
//   unless docs/scaling.md lists that key as a known exception, with its reason.
// - A model without orgId is listed in docs/scaling.md as a reference table, with its reason.
// Reads prisma/schema.prisma and docs/scaling.md as text; needs no database.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findings, parseModels, tableUnder } from "./support/schema-keys";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const schema = fs.readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");
const scaling = fs.readFileSync(path.join(ROOT, "docs/scaling.md"), "utf8");
const REFERENCE_HEADING = "### Reference tables (no `orgId`)";
const EXCEPTION_HEADING = "### Keys without `orgId` (known exceptions)";

describe("ready to be distributed by orgId", () => {
  const models = parseModels(schema);
  const found = findings(models);

  it("reads every model of the schema", () => {
    // Counted by hand in prisma/schema.prisma: each `model X {` line.
    expect(models.length).toBe((schema.match(/^model \w+ \{/gm) ?? []).length);
    expect(models.find((m) => m.name === "UsageEvent")?.keys).toEqual([
      { label: "primary key (orgId, timestamp, id)", fields: ["orgId", "timestamp", "id"] },
    ]);
  });

  it("lists every table without orgId in docs/scaling.md as a reference table, with its reason", () => {
    const listed = tableUnder(scaling, REFERENCE_HEADING);
    for (const [name, reason] of listed) expect(reason, `reason for ${name}`).toMatch(/\w{3,}/);
    expect(listed.map(([name]) => name).sort()).toEqual(found.withoutOrg);
  });

  it("has no primary key or unique index without orgId on a tenant table, except those docs/scaling.md lists", () => {
    const listed = tableUnder(scaling, EXCEPTION_HEADING);
    for (const [name, key, reason] of listed) expect(reason, `reason for ${name} ${key}`).toMatch(/\w{3,}/);
    // Both ways: an unlisted key fails, and so does a listed one that no longer exists (the list stays true).
    expect(listed.map(([name, key]) => `${name}: ${key}`).sort()).toEqual(found.keysWithoutOrg);
  });

  it("finds keys without orgId and tables without orgId in a planted schema", () => {
    const planted = `
model Team {
  id    String @id @default(cuid())
  orgId String
  slug  String @unique
  @@unique([orgId, id])
  @@unique([slug, id], name: "x")
}
model Catalog {
  id String @id
}
model Ok {
  orgId String
  id    String
  @@id([orgId, id])
}`;
    expect(findings(parseModels(planted))).toEqual({
      keysWithoutOrg: ["Team: primary key (id)", "Team: unique (slug)", "Team: unique (slug, id)"],
      withoutOrg: ["Catalog"],
    });
  });
});
