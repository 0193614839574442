/** Shapes of the pricing API (prices are decimal strings: USD per 1M tokens, or per unit). */
export type PriceSet = {
  input: string;
  output?: string;
  cachedInput?: string;
  cacheWrite5m?: string;
  cacheWrite1h?: string;
  reasoning?: string;
  perRequest?: string;
  perImage?: string;
  perAudioSecond?: string;
};

export type CatalogOverride = { kind: OverrideKind; percentOff?: string | null; prices?: PriceSet | null };

export type CatalogRow = {
  provider: string;
  model: string;
  displayName: string | null;
  aliases: string[];
  prices: PriceSet;
  longContext?: ({ thresholdTokens: number } & Partial<PriceSet>) | null;
  sourceUrl?: string | null;
  checkedAt?: string | null;
  effectiveFrom: string;
  override?: CatalogOverride | null;
};

export type CatalogPage = { items: CatalogRow[]; total: number; page: number; pageSize: number; providers: string[] };

export type OverrideKind = "DISCOUNT" | "CUSTOM_PRICE";

export type PriceOverride = {
  id: string;
  kind: OverrideKind;
  provider: string | null;
  model: string | null;
  percentOff: string | null;
  prices: PriceSet | null;
  note: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  createdAt: string;
};

export type RepriceJob = {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  total: number;
  done: number;
  provider: string | null;
  model: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
};

export type UnpricedModel = { provider: string; model: string; events: number; lastSeen: string };
export type Unpriced = { items: UnpricedModel[]; totalEvents: number };

export type OverrideCreated = { override: PriceOverride; repriceJob: { id: string } };
