import { reply } from "@/lib/api/define-contract";
import { withPublic } from "@/lib/api/with-public";
import { healthContract } from "@/lib/contracts/health";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export const GET = withPublic(healthContract, async () => {
  const { ok, body } = await checkHealth();
  const headers = { "cache-control": "no-store" };
  return ok ? reply(200, body, headers) : reply(503, body, headers);
});
