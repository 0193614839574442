// biome-ignore-all lint/suspicious/noExplicitAny: provider payloads, read defensively
import { fromAnthropicUsage, fromOpenAIUsage, type TokenUsage } from "./token-usage.js";

/** What a wrapper needs to know of one provider's API: where usage is, in calls and in streams. */
export type ProviderAdapter = {
  provider: string;
  /** Dotted paths of the client's methods that make billable calls. */
  routes: string[];
  /** Stream helpers (path → the create they run on, through `this.create` or `this._client.<path>`). */
  streamHelpers: Record<string, string>;
  usage(result: any): TokenUsage | null;
  model(result: any, params: any): string;
  requestId(result: any): string | undefined;
  /** Params for a streamed call (e.g. asking OpenAI for the usage chunk); `injected` when we added something. */
  streamParams(route: string, params: any): { params: any; injected: boolean };
  /** Reads one streamed item into `state`; false hides it from the caller (a usage chunk they did not ask for). */
  streamItem(item: any, state: StreamState, injected: boolean): boolean;
};

export type StreamState = { raw: Record<string, unknown> | null; model?: string; requestId?: string };

const num = (v: unknown) => (typeof v === "number" ? v : undefined);

export const openaiAdapter: ProviderAdapter = {
  provider: "openai",
  routes: ["chat.completions.create", "responses.create"],
  streamHelpers: { "chat.completions.stream": "chat.completions.create" },
  usage: (r) => fromOpenAIUsage(r?.usage),
  model: (r, p) => String(r?.model ?? p?.model),
  requestId: (r) => r?.id,
  streamParams(route, params) {
    // Chat Completions streams carry usage only in a last chunk the caller must ask for.
    if (route !== "chat.completions.create" || params?.stream_options?.include_usage !== undefined) {
      return { params, injected: false };
    }
    return { params: { ...params, stream_options: { ...params.stream_options, include_usage: true } }, injected: true };
  },
  streamItem(item, state, injected) {
    if (item?.type === "response.completed" && item.response) {
      state.raw = item.response.usage ?? null;
      state.model = item.response.model;
      state.requestId = item.response.id;
      return true;
    }
    if (item?.model) state.model = item.model;
    if (item?.id) state.requestId = item.id;
    if (item?.usage) {
      state.raw = item.usage;
      // The usage-only chunk (no choices) we asked for on the caller's behalf is not theirs to see.
      return !(injected && Array.isArray(item.choices) && item.choices.length === 0);
    }
    return true;
  },
};

export const anthropicAdapter: ProviderAdapter = {
  provider: "anthropic",
  routes: ["messages.create"],
  streamHelpers: { "messages.stream": "messages.create" },
  usage: (r) => fromAnthropicUsage(r?.usage),
  model: (r, p) => String(r?.model ?? p?.model),
  requestId: (r) => r?.id,
  streamParams: (_route, params) => ({ params, injected: false }),
  streamItem(item, state) {
    if (item?.type === "message_start") {
      state.raw = { ...(item.message?.usage ?? {}) };
      state.model = item.message?.model;
      state.requestId = item.message?.id;
    } else if (item?.type === "message_delta" && item.usage) {
      // message_delta's counts are cumulative: they replace message_start's where given.
      state.raw ??= {};
      for (const [k, v] of Object.entries(item.usage)) if (v !== null && v !== undefined) state.raw[k] = v;
    }
    return true;
  },
};

/** Token counts to reserve for a call when no maxCost is given: a generous bound on input, the call's max output. */
export function reserveBounds(params: any, defaultMaxOutput: number) {
  const maxOutputTokens =
    num(params?.max_tokens) ?? num(params?.max_completion_tokens) ?? num(params?.max_output_tokens) ?? defaultMaxOutput;
  // About 4 characters per token in English; counting 1 per 2 characters of the whole request over-reserves.
  const maxInputTokens = Math.ceil(JSON.stringify(params ?? {}).length / 2);
  return { maxInputTokens, maxOutputTokens };
}
