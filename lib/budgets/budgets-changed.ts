import { bumpOrgVersion } from "@/lib/redis/cap-versions";

/**
 * Notice that an organisation's budgets (or its time zone, or its cap settings) changed, for
 * caches of budgets such as the limits API's (lib/limits/cap-budgets.ts): this process's listeners
 * at once, every process through the organisation's cap version in Redis.
 */
const listeners = new Set<(orgId: string) => void>();

export function onBudgetsChanged(listener: (orgId: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function budgetsChanged(orgId: string): Promise<void> {
  for (const l of listeners) l(orgId);
  await bumpOrgVersion(orgId);
}
