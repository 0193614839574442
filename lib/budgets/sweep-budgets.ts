import { evaluateOrgBudgets, orgsWithStaleMarks, resolveEndedAlerts } from "./evaluate-org-budgets";

const STALE_MARK_MS = 3_000;

/**
 * The budgets part of the maintenance sweep: evaluates organisations whose spend changed but no
 * budgets job cleared the mark (Redis lost it), and resolves alerts of periods that are over.
 */
export async function sweepBudgets(now = new Date()): Promise<{ orgsEvaluated: number; alertsResolved: number }> {
  const orgs = await orgsWithStaleMarks(STALE_MARK_MS);
  for (const orgId of orgs) await evaluateOrgBudgets(orgId, now);
  return { orgsEvaluated: orgs.length, alertsResolved: await resolveEndedAlerts(now) };
}
