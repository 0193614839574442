// prisma/schema.prisma and prisma/migrations must describe the same database. The Prisma 6
// migrator replays the migrations on a throw-away shadow database (on the run's Postgres server)
// and diffs the result against the schema: any model, column, type, nullability, default, enum,
// index or foreign key present on one side only is drift.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { diffMigrationsToSchema, ensureMigrator, schemaPath } from "../tools/migrator/run.mjs";

const databaseUrl = inject("databaseUrl");
const schema = readFileSync(schemaPath, "utf8");
const scratchDir = mkdtempSync(path.join(tmpdir(), "burnrate-drift-"));

function writeVariant(name: string, source: string): string {
  const file = path.join(scratchDir, `${name}.prisma`);
  writeFileSync(file, source);
  return file;
}

beforeAll(async () => {
  await ensureMigrator();
});

afterAll(() => {
  rmSync(scratchDir, { recursive: true, force: true });
});

describe("schema drift", () => {
  it("prisma/schema.prisma matches prisma/migrations", async () => {
    const { changed, sql } = await diffMigrationsToSchema({ databaseUrl });
    expect(
      changed,
      "prisma/schema.prisma and prisma/migrations disagree; create a migration with " +
        "`npm run db:migration -- --name <what_changed>`. SQL the migrations are missing:\n" +
        sql,
    ).toBe(false);
  });

  // The check must be able to fail: mutate a copy of the schema and expect drift.
  it("reports a column that the migrations lack", async () => {
    const model = schema.match(/^model\s+(\w+)\s*\{/m);
    expect(model, "schema.prisma has no model").toBeTruthy();
    const variant = schema.replace(model![0], `${model![0]}\n  driftProbeColumn String?`);
    const { changed, sql } = await diffMigrationsToSchema({
      databaseUrl,
      schema: writeVariant("extra-column", variant),
    });
    expect(changed).toBe(true);
    expect(sql).toMatch(/ADD COLUMN\s+"driftProbeColumn" TEXT;/);
  });

  it("reports an index that the schema lacks", async () => {
    const index = schema.match(/^[ \t]*@@index\(.*\)[ \t]*\r?\n/m);
    expect(index, "schema.prisma has no @@index to remove").toBeTruthy();
    const variant = schema.replace(index![0], "");
    const { changed, sql } = await diffMigrationsToSchema({
      databaseUrl,
      schema: writeVariant("removed-index", variant),
    });
    expect(changed).toBe(true);
    expect(sql).toMatch(/DROP INDEX "[^"]+";/);
  });
});
