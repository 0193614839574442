// Remembers which databases got the demo seed (.data/seeded.json), so `npm start` seeds a database only
// once, or again after prisma/seed* or the migrations changed. A database is identified by its first
// _prisma_migrations row, so a re-created one is seeded again.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DATA_DIR, ROOT } from "./paths.mjs";
import { pgQuery } from "./postgres.mjs";
import { maskUrl } from "./terminal.mjs";

const SEED_STATE = path.join(DATA_DIR, "seeded.json");

/** What the demo seed depends on: prisma/seed* files and the migration names. */
export function seedInputsHash() {
  const hash = crypto.createHash("sha256");
  const walk = (rel) => {
    const abs = path.join(ROOT, rel);
    if (fs.statSync(abs).isDirectory()) for (const e of fs.readdirSync(abs).sort()) walk(`${rel}/${e}`);
    else hash.update(`${rel}\0`).update(fs.readFileSync(abs));
  };
  for (const e of fs.readdirSync(path.join(ROOT, "prisma")).sort()) if (e.startsWith("seed")) walk(`prisma/${e}`);
  const migrations = path.join(ROOT, "prisma/migrations");
  if (fs.existsSync(migrations)) hash.update(fs.readdirSync(migrations).sort().join("\0"));
  return hash.digest("hex");
}

/** The key under which this database's seed is remembered, or null if it cannot be told. */
export async function databaseIdentity(url) {
  try {
    const rows = await pgQuery(url, `select id from "_prisma_migrations" order by started_at, id limit 1`);
    return rows[0] ? `${maskUrl(url)}#${rows[0].id}` : null;
  } catch {
    return null;
  }
}

function readSeedState() {
  try {
    return JSON.parse(fs.readFileSync(SEED_STATE, "utf8"));
  } catch {
    return {};
  }
}

/** True if the seed of these inputs was already applied to the database `identity`. */
export function wasSeeded(identity, inputs) {
  return !!identity && readSeedState()[identity] === inputs;
}

export function rememberSeed(identity, inputs) {
  if (identity) fs.writeFileSync(SEED_STATE, JSON.stringify({ ...readSeedState(), [identity]: inputs }, null, 2));
}
