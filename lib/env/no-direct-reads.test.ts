// "Config only via lib/env": no module under lib/ (other than lib/env and the generated Prisma client)
// reads process.env.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const LIB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SKIP = [path.join(LIB, "env"), path.join(LIB, "db", "generated")];

function sources(dir: string): string[] {
  if (SKIP.includes(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe("configuration", () => {
  it("is read from process.env only in lib/env", () => {
    const files = sources(LIB);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) => /process\s*\.\s*env|process\[["']env["']\]/.test(fs.readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(LIB, f))).toEqual([]);
  });
});
