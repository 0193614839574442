import type { ApiResponse } from "@/lib/client/api-types";

/** Shapes of the pricing API, inferred from the route contracts (lib/contracts/prices.ts). */
export type CatalogPage = ApiResponse<"prices.catalog">;
export type CatalogRow = CatalogPage["items"][number];
export type PriceSet = CatalogRow["prices"];
export type CatalogOverride = NonNullable<CatalogRow["override"]>;
export type PriceOverride = ApiResponse<"priceOverrides.list">["items"][number];
export type OverrideKind = PriceOverride["kind"];
export type RepriceJob = ApiResponse<"repriceJobs.list">["items"][number];
export type Unpriced = ApiResponse<"prices.unpriced">;
export type UnpricedModel = Unpriced["items"][number];
export type OverrideCreated = ApiResponse<"priceOverrides.create">;
export type PriceSchedule = ApiResponse<"prices.schedule">;
