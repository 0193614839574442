export { Burnrate, type Reservation, type WrapOptions } from "./burnrate.js";
export { BudgetExceededError, type CapState } from "./limits.js";
export {
  fromAnthropicUsage,
  fromGenAiAttributes,
  fromOpenAIUsage,
  fromOpenInferenceAttributes,
  type TokenUsage,
  TokenUsageError,
} from "./token-usage.js";
export type { Attribution, BurnrateOptions, BurnrateStats, UsageEvent } from "./types.js";
