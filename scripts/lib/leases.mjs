// Leases: a service started by one of our processes is stopped by the last live process using it,
// so `npm start` and `npm test` in the same clone can share the embedded Postgres / local Redis.
import fs from "node:fs";
import path from "node:path";
import { DATA_DIR, pidAlive } from "./paths.mjs";

function leaseDir(name) {
  return path.join(DATA_DIR, "leases", name);
}

export function acquireLease(name) {
  fs.mkdirSync(leaseDir(name), { recursive: true });
  fs.writeFileSync(path.join(leaseDir(name), String(process.pid)), new Date().toISOString());
}

export function otherLeaseHolders(name) {
  let files = [];
  try {
    files = fs.readdirSync(leaseDir(name));
  } catch {}
  const alive = [];
  for (const f of files) {
    const pid = Number(f);
    if (pid === process.pid) continue;
    if (pidAlive(pid)) alive.push(pid);
    else fs.rmSync(path.join(leaseDir(name), f), { force: true });
  }
  return alive;
}

/** Drops our lease; returns true if no other live process holds one (we should stop the service). */
export function releaseLease(name) {
  fs.rmSync(path.join(leaseDir(name), String(process.pid)), { force: true });
  return otherLeaseHolders(name).length === 0;
}
