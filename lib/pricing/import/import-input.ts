import { z } from "zod";
import type { CatalogEntry } from "../catalog-schema";
import { parseLiteLlm } from "./parse-litellm";
import { parsePriceCsv } from "./parse-price-csv";

export const importInput = z.strictObject({
  format: z.enum(["litellm", "csv"]),
  content: z.string().min(1, "paste or upload a file").max(8_000_000, "at most 8 MB"),
  replace: z.boolean().default(false),
  apply: z.boolean().default(false),
});

/** Parses an uploaded price file; a parse error is reported against `content`. */
export function parseImportContent(format: "litellm" | "csv", content: string): CatalogEntry[] {
  if (format === "csv") return parsePriceCsv(content);
  return parseLiteLlm(JSON.parse(content)).entries;
}
