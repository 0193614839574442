// Headless initialisation (run by `npm start` and the Docker entrypoint): see README "Configuration".
import { env } from "@/lib/env";
import { disconnectDb } from "@/lib/db";
import { ensureInitialOrg } from "@/lib/onboarding/ensure-initial-org";

const e = env();
if (e.BURNRATE_INIT_ORG_SLUG && e.BURNRATE_INIT_USER_EMAIL && e.BURNRATE_INIT_USER_PASSWORD) {
  const logger = {
    info: (m: string) => console.log(`[init] ${m}`),
    warn: (m: string) => console.warn(`[init] warning: ${m}`),
  };
  await ensureInitialOrg(
    {
      slug: e.BURNRATE_INIT_ORG_SLUG,
      name: e.BURNRATE_INIT_ORG_NAME,
      email: e.BURNRATE_INIT_USER_EMAIL,
      password: e.BURNRATE_INIT_USER_PASSWORD,
      apiKey: e.BURNRATE_INIT_API_KEY,
    },
    logger,
  );
}
await disconnectDb();
