import { db } from "@/lib/db";
import { type AnomalySettingsView, DEFAULT_SETTINGS } from "./alert-rule";

export { type AnomalySettingsView, DEFAULT_SETTINGS, passesAlertThreshold } from "./alert-rule";

export async function loadAnomalySettings(orgId: string): Promise<AnomalySettingsView> {
  const row = await db().anomalySettings.findUnique({ where: { orgId } });
  return row ? { ...row } : DEFAULT_SETTINGS;
}
