// The web build: `next build` only when the sources it reads changed since the last build.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runBin } from "./children.mjs";
import { ROOT } from "./paths.mjs";
import { dim } from "./terminal.mjs";

// What the web build depends on: every top-level folder except these, and every top-level file except these.
const BUILD_SKIP_DIRS = new Set([
  "node_modules",
  ".next",
  ".data",
  ".git",
  ".ci",
  "e2e",
  "test",
  "tests",
  "bench",
  "workers",
  "docs",
  "tools",
  "prisma",
  "screenshots",
  "test-results",
  "playwright-report",
  "coverage",
]);
const BUILD_SKIP_FILES =
  /^(next-env\.d\.ts|.*\.tsbuildinfo|.*\.md|playwright\.config\.ts|vitest\.config\.ts|docker-compose\.ya?ml|Dockerfile|\.dockerignore|\.gitignore|\.npmrc|\.DS_Store)$/;
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

/** Content hash of the sources `next build` reads (plus prisma/schema.prisma and NEXT_PUBLIC_* vars). */
export function buildInputsHash() {
  const hash = crypto.createHash("sha256");
  const files = [];
  const walk = (rel) => {
    for (const ent of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) {
        if (ent.name === "node_modules" || ent.name.startsWith(".")) continue;
        walk(r);
      } else if (ent.isFile() && !TEST_FILE.test(ent.name)) files.push(r);
    }
  };
  for (const ent of fs.readdirSync(ROOT, { withFileTypes: true })) {
    if (ent.isDirectory() && !BUILD_SKIP_DIRS.has(ent.name) && !ent.name.startsWith(".")) walk(ent.name);
    else if (ent.isFile() && !BUILD_SKIP_FILES.test(ent.name)) files.push(ent.name);
  }
  if (fs.existsSync(path.join(ROOT, "prisma/schema.prisma"))) files.push("prisma/schema.prisma");
  files.sort();
  for (const f of files) {
    hash.update(`${f}\0`);
    hash.update(fs.readFileSync(path.join(ROOT, f)));
    hash.update("\0");
  }
  for (const k of Object.keys(process.env)
    .filter((k) => k.startsWith("NEXT_PUBLIC_"))
    .sort())
    hash.update(`${k}=${process.env[k]}\0`);
  return { hash: hash.digest("hex"), files: files.length };
}

const BUILD_STAMP = path.join(ROOT, ".next", "burnrate-build-inputs");

/** `next build` unless .next holds a build of exactly the current sources. */
export async function ensureBuild(log, env = process.env) {
  const { hash, files } = buildInputsHash();
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  let reason = null;
  if (!fs.existsSync(buildId)) reason = ".next/BUILD_ID is missing";
  else if (!fs.existsSync(BUILD_STAMP)) reason = "the existing build was not made by these scripts";
  else if (fs.readFileSync(BUILD_STAMP, "utf8").trim() !== hash) reason = `sources changed since the last build`;
  if (!reason) {
    log(dim(`build is up to date (${files} source files unchanged)`));
    return false;
  }
  log(`next build: ${reason}`);
  await runBin("next", ["build"], { env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  fs.writeFileSync(BUILD_STAMP, `${hash}\n`);
  return true;
}
