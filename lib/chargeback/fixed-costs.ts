import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { pgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/errors";
import { formatPicoUsd, usdToPico } from "@/lib/money";
import type { OrgContext } from "@/lib/tenancy/context";
import type { FixedCost } from "./build-chargeback";
import { periodSchema } from "./period";

export const fixedCostBody = z.strictObject({
  period: periodSchema,
  name: z.string().trim().min(1).max(200).describe("What the cost is (e.g. GPU cluster)"),
  amount: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,12})?$/, 'a non-negative decimal amount in USD, e.g. "1500.00"')
    .describe("Amount in USD, exact decimal string"),
});

export async function listFixedCosts(orgId: string, period: string): Promise<FixedCost[]> {
  const { rows } = await pgPool().query<{ id: string; name: string; amountPico: bigint }>(
    `SELECT id, name, "amountPico" FROM chargeback_fixed_costs WHERE "orgId" = $1 AND period = $2 ORDER BY "createdAt", id`,
    [orgId, period],
  );
  return rows;
}

export const fixedCostView = (f: FixedCost & { period: string }) => ({
  id: f.id,
  period: f.period,
  name: f.name,
  amount: formatPicoUsd(f.amountPico),
});

async function refuseClosed(orgId: string, period: string, field: string) {
  const { rowCount } = await pgPool().query(`SELECT 1 FROM chargeback_periods WHERE "orgId" = $1 AND period = $2`, [
    orgId,
    period,
  ]);
  if (rowCount)
    throw new AppError("conflict", `Period ${period} is closed; its costs are frozen`, [
      { path: field, message: "the period is closed" },
    ]);
}

export async function addFixedCost(ctx: OrgContext, input: z.output<typeof fixedCostBody>) {
  await refuseClosed(ctx.orgId, input.period, "period");
  const id = randomUUID();
  const amountPico = usdToPico(input.amount);
  await pgPool().query(
    `INSERT INTO chargeback_fixed_costs ("orgId", id, period, name, "amountPico") VALUES ($1, $2, $3, $4, $5)`,
    [ctx.orgId, id, input.period, input.name, amountPico],
  );
  await recordAudit(ctx, {
    action: "chargeback.fixed_cost_added",
    targetType: "chargeback_fixed_cost",
    targetId: id,
    metadata: { period: input.period, name: input.name, amount: input.amount },
  });
  return fixedCostView({ id, period: input.period, name: input.name, amountPico });
}

export async function deleteFixedCost(ctx: OrgContext, id: string) {
  const { rows } = await pgPool().query<{ period: string }>(
    `SELECT period FROM chargeback_fixed_costs WHERE "orgId" = $1 AND id = $2`,
    [ctx.orgId, id],
  );
  if (!rows[0]) throw AppError.notFound("No such fixed cost in this organisation");
  await refuseClosed(ctx.orgId, rows[0].period, "id");
  await pgPool().query(`DELETE FROM chargeback_fixed_costs WHERE "orgId" = $1 AND id = $2`, [ctx.orgId, id]);
  await recordAudit(ctx, {
    action: "chargeback.fixed_cost_deleted",
    targetType: "chargeback_fixed_cost",
    targetId: id,
  });
}
