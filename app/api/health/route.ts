import { checkHealth } from "@/lib/health/check-health";
import { json } from "@/lib/api/respond";

export const dynamic = "force-dynamic";

export async function GET() {
  const { ok, body } = await checkHealth();
  return json(body, ok ? 200 : 503, { "cache-control": "no-store" });
}
