import type { ModelPrice, PriceSet } from "./price-types";

export type TimeOfDayWindow = { fromMinute: number; toMinute: number; label?: string; prices: Partial<PriceSet> };

const DAY_MS = 86_400_000;

/** "16:30" → 990 (minutes after midnight UTC). */
export function clockMinutes(clock: string): number {
  const [h, m] = clock.split(":").map(Number);
  return h! * 60 + m!;
}

/** Whether an instant falls in [from, to) of its UTC day; a window with from > to wraps midnight. */
export function inWindow(w: Pick<TimeOfDayWindow, "fromMinute" | "toMinute">, at: Date): boolean {
  const ms = ((at.getTime() % DAY_MS) + DAY_MS) % DAY_MS;
  const from = w.fromMinute * 60_000;
  const to = w.toMinute * 60_000;
  return from <= to ? ms >= from && ms < to : ms >= from || ms < to;
}

/**
 * The price in force at this instant's time of day: the first window holding it replaces the
 * standard prices it names (e.g. DeepSeek's off-peak rates); outside every window, the price as is.
 */
export function atTimeOfDay(price: ModelPrice, at: Date): ModelPrice {
  const w = price.timeOfDay?.find((x) => inWindow(x, at));
  return w ? { ...price, prices: { ...price.prices, ...w.prices } } : price;
}
