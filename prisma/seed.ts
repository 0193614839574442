// Seeds the demo organisation (idempotent). Run by `npm start` on first run, or `npm run db:seed`.
import { disconnectDb } from "@/lib/db";
import { ensureInitialOrg } from "@/lib/tenancy/ensure-initial-org";

export const DEMO = { slug: "demo", name: "Acme AI (demo)", email: "demo@burnrate.local", password: "burnrate-demo" };

const quiet = { info: () => {}, warn: (m: string) => console.warn(`[seed] ${m}`) };
await ensureInitialOrg(DEMO, quiet);
console.log(`[seed] demo organisation ready: sign in as ${DEMO.email} / ${DEMO.password}`);
await disconnectDb();
