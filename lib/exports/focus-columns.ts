/**
 * The FOCUS 1.2 columns of Burnrate's export, in order, each with the SQL that computes it from a
 * spend_rollups row `r` (with its charge period and allocation columns, see focus-export.ts) and its
 * organisation `o` ($3 is the organisation's time zone). Text columns
 * go through `safe()` (formula-injection neutralised); COPY … CSV quotes every field that needs it.
 * Costs are exact: pico-dollars times 1e-12 is exact numeric arithmetic, trailing zeros trimmed.
 */
const iso = (expr: string) => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
/** A text cell that never starts with = + - @ TAB or CR (prefixed with an apostrophe). */
export const safe = (expr: string) =>
  `(CASE WHEN (${expr}) ~ '^[=+\\-@\\t\\r]' THEN '''' || (${expr}) ELSE (${expr}) END)`;
// `k` is one token kind of the row (see focus-export.ts): its tokens, its share of the row's cost
// (effPico, exact) and its catalog cost (listPico, null without a catalog price).
const money = `trim_scale(k."effPico" * 0.000000000001)`;
const tokens = `k.tokens`;
const first = (expr: string) => `CASE WHEN k.ord = k.first THEN ${expr} ELSE 0 END`;
const ofKind = (kind: string) => `CASE WHEN k.kind = '${kind}' THEN k.tokens ELSE 0 END`;
const monthStart = `(date_trunc('month', r.hour AT TIME ZONE $3) AT TIME ZONE $3)`;
const monthEnd = `((date_trunc('month', r.hour AT TIME ZONE $3) + interval '1 month') AT TIME ZONE $3)`;
const orEmpty = (c: string) => `NULLIF(r."${c}", '')`;

export const FOCUS_COLUMNS: [name: string, sql: string][] = [
  ["BilledCost", money],
  ["BillingAccountId", safe(`o.id`)],
  ["BillingAccountName", safe(`o.name`)],
  ["BillingCurrency", `o.currency`],
  ["BillingPeriodStart", iso(monthStart)],
  ["BillingPeriodEnd", iso(monthEnd)],
  ["ChargeCategory", `'Usage'`],
  // Null unless the row corrects an earlier one (FOCUS: "Correction"); rollup rows never do.
  ["ChargeClass", `NULL`],
  [
    "ChargeDescription",
    safe(
      `r.provider || '/' || r.model || ' ' || k.kind || ' tokens' || CASE WHEN r.feature <> '' THEN ' for ' || r.feature ELSE '' END`,
    ),
  ],
  ["ChargeFrequency", `'Usage-Based'`],
  ["ChargePeriodStart", iso(`r."chargeStart"`)],
  ["ChargePeriodEnd", iso(`r."chargeEnd"`)],
  ["ConsumedQuantity", tokens],
  ["ConsumedUnit", `'Tokens'`],
  ["ContractedCost", money],
  ["EffectiveCost", money],
  ["InvoiceIssuerName", safe(`r.provider`)],
  // The same tokens at the global catalog's price (no custom price, no discount); the effective cost
  // when the model has no catalog price (a self-hosted or custom-priced model: its own price is the list).
  ["ListCost", `trim_scale(COALESCE(k."listPico", k."effPico") * 0.000000000001)`],
  ["PricingCategory", `'Standard'`],
  ["PricingQuantity", `trim_scale(${tokens} * 0.000001)`],
  ["PricingUnit", `'1M Tokens'`],
  ["ProviderName", safe(`r.provider`)],
  ["PublisherName", safe(`r.provider`)],
  ["ServiceCategory", `'AI and Machine Learning'`],
  ["ServiceName", safe(`r.provider || ' LLM API'`)],
  ["SkuId", safe(`r.provider || '/' || r.model`)],
  ["SkuPriceId", safe(`r.provider || '/' || r.model || '/' || r."serviceTier" || '/' || k.kind`)],
  [
    "Tags",
    `json_strip_nulls(json_build_object('team', ${orEmpty("team")}, 'feature', ${orEmpty("feature")}, 'customer', ${orEmpty("customer")}, 'environment', ${orEmpty("environment")}, 'serviceTier', ${orEmpty("serviceTier")}))::text`,
  ],
  // FOCUS 1.3 split-cost allocation columns: null on direct usage rows (not allocations), set on the
  // allocated charges that replace shared usage (see focus-allocations.ts).
  ["AllocatedMethodId", `r."allocatedMethodId"`],
  ["AllocatedMethodDetails", `r."allocatedMethodDetails"`],
  ["AllocatedResourceId", safe(`r."allocatedResourceId"`)],
  ["AllocatedResourceName", safe(`r."allocatedResourceName"`)],
  ["AllocatedTags", `r."allocatedTags"`],
  ["x_Team", safe(`r.team`)],
  ["x_Feature", safe(`r.feature`)],
  ["x_Customer", safe(`r.customer`)],
  ["x_Environment", safe(`r.environment`)],
  ["x_Model", safe(`r.model`)],
  ["x_ServiceTier", safe(`r."serviceTier"`)],
  ["x_TokenKind", `k.kind`],
  // Counted once per bucket (on its first token-kind row), so they still add up.
  ["x_Events", first(`r.events`)],
  ["x_Requests", first(`r.requests`)],
  ["x_InputTokens", ofKind("input")],
  ["x_OutputTokens", ofKind("output")],
  ["x_CachedInputTokens", ofKind("cached-input")],
  ["x_CacheWriteTokens", ofKind("cache-write")],
  ["x_ReasoningTokens", ofKind("reasoning")],
  ["x_CostPicoUsd", `k."effPico"`],
  // Chargeback resale (what the party is charged, not what the organisation pays: BilledCost,
  // EffectiveCost and ListCost never include it). The row's tokens at the party's price list, exact
  // (null: the party pays this row at cost, or the row is an allocated share, always at cost), and
  // the party's markup percent, applied once to its statement's total, so never as a per-row amount.
  [
    "x_PriceListCost",
    `(SELECT trim_scale(k.tokens * pl.price * 0.000000000001) FROM pl
       WHERE r."allocatedMethodId" IS NULL AND pl.party = CASE pl.dim WHEN 'team' THEN r.team ELSE r.customer END
         AND pl.provider = r.provider AND pl.model = r.model AND pl.kind = k.kind AND r.hour >= pl.ps AND r.hour < pl.pe)`,
  ],
  [
    "x_MarkupPercent",
    `(SELECT mk.percent FROM mk
       WHERE mk.party = CASE mk.dim WHEN 'team' THEN r.team ELSE r.customer END AND r.hour >= mk.ps AND r.hour < mk.pe)`,
  ],
];
