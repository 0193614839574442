// Dependencies and the generated Prisma client: `npm ci` / `prisma generate` only when needed.
import fs from "node:fs";
import path from "node:path";
import { run, runBin, runCollect } from "./children.mjs";
import { ROOT, readJson } from "./paths.mjs";
import { dim } from "./terminal.mjs";

/** Why node_modules must be (re)installed, or null if it matches package-lock.json. */
export function installNeeded() {
  const nm = path.join(ROOT, "node_modules");
  const lockPath = path.join(ROOT, "package-lock.json");
  const hiddenPath = path.join(nm, ".package-lock.json");
  if (!fs.existsSync(nm)) return "node_modules is missing";
  if (!fs.existsSync(hiddenPath)) return "node_modules/.package-lock.json is missing (incomplete install)";
  if (fs.statSync(lockPath).mtimeMs <= fs.statSync(hiddenPath).mtimeMs) return null;
  // package-lock.json is newer than the last install: compare what it asks for with what is there.
  const wanted = readJson(lockPath).packages ?? {};
  const installed = readJson(hiddenPath).packages ?? {};
  const diffs = [];
  for (const [key, meta] of Object.entries(wanted)) {
    if (!key.startsWith("node_modules/") || meta.link) continue;
    const have = installed[key];
    if (!have) {
      if (!meta.optional) diffs.push(`${key.slice(13)}@${meta.version} missing`);
    } else if (have.version !== meta.version) {
      diffs.push(`${key.slice(13)} ${have.version} -> ${meta.version}`);
    }
  }
  if (diffs.length === 0) return null;
  const more = diffs.length > 3 ? ` and ${diffs.length - 3} more` : "";
  return `package-lock.json is newer than node_modules and differs: ${diffs.slice(0, 3).join(", ")}${more}`;
}

export async function ensureInstall(log) {
  const reason = installNeeded();
  if (!reason) {
    log(dim("node_modules matches package-lock.json; skipping npm ci"));
    return false;
  }
  log(`running npm ci: ${reason}`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
  const ci = await runCollect(npm, ["ci"], { env });
  if (ci.code === 0) return true;
  // `npm ci` refuses a lockfile that lacks optional platform packages (e.g. @next/swc-darwin-*) that a
  // restricted registry does not serve, although this platform does not need them. `npm install
  // --no-save` installs the same locked versions and leaves package-lock.json untouched.
  if (!/EUSAGE|can only install packages when your package\.json and package-lock\.json/.test(ci.out)) {
    process.stderr.write(ci.out);
    throw new Error(`npm ci failed (exit code ${ci.code})`);
  }
  const missing = ci.out.split("\n").filter((l) => /Missing: /.test(l));
  log.warn(
    `npm ci refused package-lock.json as out of sync with package.json` +
      (missing.length
        ? ` (${missing.length} packages missing from the lock, e.g. ${missing[0].replace(/.*Missing: /, "")})`
        : "") +
      `; installing the locked versions with npm install --no-save instead (package-lock.json is not modified)`,
  );
  await run(npm, ["install", "--no-save"], { env });
  return true;
}

/** `prisma generate` if the client is missing or older than the schema. */
export async function ensureGenerate(log) {
  const client = path.join(ROOT, "lib/db/generated/client.ts");
  const schema = path.join(ROOT, "prisma/schema.prisma");
  let reason = null;
  if (!fs.existsSync(client)) reason = "lib/db/generated is missing";
  else if (fs.existsSync(schema) && fs.statSync(schema).mtimeMs > fs.statSync(client).mtimeMs)
    reason = "prisma/schema.prisma changed since the client was generated";
  if (!reason) {
    log(dim("Prisma client is up to date"));
    return false;
  }
  log(`prisma generate: ${reason}`);
  await runBin("prisma", ["generate"]);
  return true;
}
