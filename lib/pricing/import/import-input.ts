import { z } from "zod";
import type { CatalogEntry } from "../catalog-schema";
import { parsePriceFile } from "./parse-price-file";

export const importInput = z.strictObject({
  format: z.enum(["litellm", "catalog", "csv"]).describe("LiteLLM's model map, a Burnrate catalog JSON, or the CSV"),
  content: z.string().min(1, "paste or upload a file").max(8_000_000, "at most 8 MB").describe("The file's text"),
  replace: z.boolean().default(false).describe("End the models the file does not list"),
  apply: z.boolean().default(false).describe("Apply (true) or only preview (false)"),
  confirm: z.boolean().default(false).describe("Apply even the changes the sanity checks flag"),
});

/** Parses an uploaded price file; a parse error is reported against `content`. */
export function parseImportContent(format: "litellm" | "catalog" | "csv", content: string): CatalogEntry[] {
  return parsePriceFile(content, format);
}
