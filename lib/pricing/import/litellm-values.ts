import { shiftDecimal } from "./decimal-shift";

/** LiteLLM's USD per token (a float) as USD per 1M tokens, an exact decimal string. */
export const perM = (v: unknown) => (typeof v === "number" && v >= 0 ? shiftDecimal(v, 6) : undefined);
/** LiteLLM's USD per unit (request, image, second) as a decimal string. */
export const perUnit = (v: unknown) => (typeof v === "number" && v >= 0 ? shiftDecimal(v, 0) : undefined);
/** The object without its undefined values. */
export const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
