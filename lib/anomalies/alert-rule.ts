import { PICO_PER_USD } from "@/lib/money/pico";

export type AnomalySettingsView = {
  minImpactPico: bigint;
  alertMinImpactPico: bigint;
  alertMinPercent: number;
  drops: boolean;
  allChannels: boolean;
  channelIds: string[];
};

/** Defaults when an organisation has no settings row: $1/h to flag, alerts from $10 and 20%. */
export const DEFAULT_SETTINGS: AnomalySettingsView = {
  minImpactPico: PICO_PER_USD,
  alertMinImpactPico: 10n * PICO_PER_USD,
  alertMinPercent: 20,
  drops: true,
  allChannels: true,
  channelIds: [],
};

/**
 * Whether an anomaly alerts: |impact| ≥ the organisation's amount and ≥ its percent of expected
 * (a drop is 100% of expected). Detection records the others without notifying.
 */
export function passesAlertThreshold(s: AnomalySettingsView, impactPico: bigint, expectedPico: bigint): boolean {
  const abs = impactPico < 0n ? -impactPico : impactPico;
  if (abs < s.alertMinImpactPico) return false;
  if (expectedPico <= 0n) return true;
  return abs * 100n >= BigInt(s.alertMinPercent) * expectedPico;
}
