import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import { periodsBetween } from "./budget-period";
import { toBudgetRow } from "./budget-row";
import { evaluateBudgetPeriod } from "./evaluate-budget-period";

/** Budget periods evaluated at once by one budgets job (each uses one pool connection at a time). */
const EVALUATION_LANES = 3;

/** Ends the alerts of periods that are over (a new period starts clean). */
export async function resolveEndedAlerts(now: Date, orgId?: string): Promise<number> {
  const res = await pgPool().query(
    `UPDATE alerts SET state = 'resolved', "resolvedAt" = $1
      WHERE state <> 'resolved' AND "periodEnd" <= $1 ${orgId ? `AND "orgId" = $2` : ""}`,
    orgId ? [now, orgId] : [now],
  );
  return res.rowCount ?? 0;
}

/**
 * The budgets job: evaluates every budget of the organisation for each period from the hour its
 * spend last changed (the fold's mark; the current period when there is none) to `now`, then
 * clears the mark it read, unless a newer fold moved it meanwhile (that one gets its own job).
 */
export async function evaluateOrgBudgets(
  orgId: string,
  now = new Date(),
): Promise<{ periods: number; alerts: number }> {
  const { rows } = await pgPool().query<{ fromHour: Date; version: bigint }>(
    `SELECT "fromHour", version FROM budget_marks WHERE "orgId" = $1`,
    [orgId],
  );
  const mark = rows[0];
  const org = await db().organization.findUnique({ where: { id: orgId }, select: { timeZone: true } });
  let periods = 0;
  let alerts = 0;
  if (org) {
    const budgets = (await db().budget.findMany({ where: { orgId }, orderBy: { id: "asc" } })).map(toBudgetRow);
    const from = mark && mark.fromHour < now ? mark.fromHour : now;
    const work = budgets.flatMap((b) => periodsBetween(b, org.timeZone, from, now).map((period) => ({ b, period })));
    // A few budgets at a time: each is its own transaction on its own rows, and an organisation with
    // hundreds of budgets must not take seconds to see an alert.
    let next = 0;
    const lane = async () => {
      while (next < work.length) {
        const { b, period } = work[next++];
        alerts += (await evaluateBudgetPeriod(b, period, now)).alerts;
        periods++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(EVALUATION_LANES, work.length) }, lane));
    await resolveEndedAlerts(now, orgId);
  }
  if (mark) await pgPool().query(`DELETE FROM budget_marks WHERE "orgId" = $1 AND version = $2`, [orgId, mark.version]);
  return { periods, alerts };
}

/** Organisations whose mark is older than `olderThanMs` (a budgets job was lost): the sweeper's list. */
export async function orgsWithStaleMarks(olderThanMs: number): Promise<string[]> {
  const { rows } = await pgPool().query<{ orgId: string }>(
    `SELECT "orgId" FROM budget_marks WHERE "markedAt" < now() - make_interval(secs => $1) LIMIT 100`,
    [olderThanMs / 1000],
  );
  return rows.map((r) => r.orgId);
}
