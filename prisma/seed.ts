// Seeds the demo organisation (idempotent): an owner, the price catalog and 30 days of usage.
// Run by `npm start` (every start; it does nothing once done) or `npm run db:seed`.
import { disconnectDb } from "@/lib/db";
import { closePgPool } from "@/lib/db/pg-pool";
import { seedDemoUsage } from "@/lib/demo/seed-demo-usage";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { closeQueues } from "@/lib/queue/enqueue";
import { ensureInitialOrg } from "@/lib/onboarding/ensure-initial-org";

export const DEMO = { slug: "demo", name: "Acme AI (demo)", email: "demo@burnrate.local", password: "burnrate-demo" };

const quiet = { info: () => {}, warn: (m: string) => console.warn(`[seed] ${m}`) };
await installShippedCatalogIfEmpty();
const { orgId } = await ensureInitialOrg(DEMO, quiet);
const started = Date.now();
const events = await seedDemoUsage(orgId);
if (events > 0)
  console.log(`[seed] loaded ${events} demo usage events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`[seed] demo organisation ready: sign in as ${DEMO.email} / ${DEMO.password}`);
await closeQueues();
await closePgPool();
await disconnectDb();
