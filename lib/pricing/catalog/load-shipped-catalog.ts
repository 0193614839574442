import shipped from "./prices.json" with { type: "json" };
import { catalogFileSchema, type CatalogFile } from "../catalog-schema";

/** The catalog shipped in the repo (lib/pricing/catalog/prices.json), validated. */
export function loadShippedCatalog(): CatalogFile {
  return catalogFileSchema.parse(shipped);
}
