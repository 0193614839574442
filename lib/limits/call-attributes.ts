import type { PriceBook } from "@/lib/pricing/price-book";
import type { CallAttributes } from "./match-budgets";

/**
 * The attributes a budget scope is matched against, as the rollups would record the call: the
 * model under its catalog name when the price book knows it (the provider as sent), the API key
 * that asks. The price book is needed only when the call names a model.
 */
export function callAttributes(
  input: Omit<CallAttributes, "apiKey">,
  apiKeyId: string | null,
  book: PriceBook | null,
  now: Date,
): CallAttributes {
  const resolved = input.model && book ? book.resolve(input.model, input.provider, now) : null;
  return {
    ...input,
    model: resolved?.model ?? input.model,
    apiKey: apiKeyId ?? undefined,
  };
}
