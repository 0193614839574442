// The generated NEXTAUTH_SECRET (.data/secret), shared by `npm start` and the operator commands.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DATA_DIR, ROOT } from "./paths.mjs";

/** NEXTAUTH_SECRET from the environment, else from .data/secret (created on first use). */
export function ensureSecret(log) {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(DATA_DIR, "secret");
  if (fs.existsSync(file)) {
    const s = fs.readFileSync(file, "utf8").trim();
    if (s.length >= 32) return s;
  }
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const secret = crypto.randomBytes(48).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  log?.(`created NEXTAUTH_SECRET in ${path.relative(ROOT, file)}`);
  return secret;
}
