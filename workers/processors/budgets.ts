import { evaluateOrgBudgets } from "@/lib/budgets/evaluate-org-budgets";
import { log } from "@/lib/log";
import type { Processor } from "../registry";

/** Evaluates an organisation's budgets after a rollup fold changed its spend. */
export const budgetsProcessor: Processor<"budgets"> = {
  queue: "budgets",
  concurrency: 2,
  async handle({ orgId }, job) {
    const out = await evaluateOrgBudgets(orgId);
    if (out.alerts > 0) log.info({ orgId, jobId: job.id, ...out }, "budget alerts");
    return out;
  },
};
