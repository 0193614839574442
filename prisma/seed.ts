// Seeds the demo organisation (idempotent): an owner, the price catalog and 30 days of usage.
// Run by `npm run dev` and `npm start -- --seed` (it does nothing once done) or `npm run db:seed`.
import { disconnectDb } from "@/lib/db";
import { closePgPool } from "@/lib/db/pg-pool";
import { seedDemoUsage } from "@/lib/demo/seed-demo-usage";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { closeQueues } from "@/lib/queue/enqueue";
import { ensureInitialOrg } from "@/lib/onboarding/ensure-initial-org";

import { DEMO_ACCOUNT } from "@/lib/demo/demo-account";

export const DEMO = DEMO_ACCOUNT;

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
