"use client";

import { Button, Card, Text, Title } from "@tremor/react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { FormError } from "@/components/ui/form-error";

export type AnomalySettingsValues = {
  minImpact: string;
  alertMinImpact: string;
  alertMinPercent: number;
  drops: boolean;
  channelIds: string[] | null;
};

const input =
  "w-32 rounded-tremor-default border border-tremor-border px-2 py-1 text-sm disabled:bg-tremor-background-muted";

/**
 * The organisation's anomaly settings: the detector's minimum hourly excess, whether drops to zero
 * are reported, and the alert rule (|impact| and percent of expected). The number of monitors is
 * fixed and shown for information.
 */
export function AnomalySettingsForm({
  orgSlug,
  settings,
  maxMonitors,
  maxPerDimension,
  canEdit,
}: {
  orgSlug: string;
  settings: AnomalySettingsValues;
  maxMonitors: number;
  maxPerDimension: number;
  canEdit: boolean;
}) {
  const [minImpact, setMinImpact] = useState(settings.minImpact);
  const [alertMinImpact, setAlertMinImpact] = useState(settings.alertMinImpact);
  const [alertMinPercent, setAlertMinPercent] = useState(String(settings.alertMinPercent));
  const [drops, setDrops] = useState(settings.drops);
  const save = useMutation({
    mutationFn: () =>
      apiFetch<ApiResponse<"orgAnomalies.updateSettings">>(
        apiUrl("/api/orgs/{org}/anomaly-settings", { params: { org: orgSlug } }),
        {
          method: "PUT",
          json: { minImpact, alertMinImpact, alertMinPercent: Number(alertMinPercent), drops },
        },
      ),
  });
  return (
    <Card className="space-y-3" data-testid="anomaly-settings">
      <Title>Spend anomalies</Title>
      <Text>
        Every 5 minutes Burnrate checks the hourly spend of the organisation total and of the top {maxPerDimension}{" "}
        teams, features, models, customers and API keys by spend ({maxMonitors} monitors at most; API keys only once the
        organisation has an end-user or API-key budget, which turns on that breakdown).
      </Text>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label className="block text-sm">
          <span className="font-medium">Minimum impact (USD per hour)</span>
          <span className="block text-tremor-content">
            An hour is anomalous only if it is at least this far from expected.
          </span>
          <input
            className={input}
            inputMode="decimal"
            value={minImpact}
            disabled={!canEdit}
            onChange={(e) => setMinImpact(e.target.value)}
          />
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            checked={drops}
            disabled={!canEdit}
            onChange={(e) => setDrops(e.target.checked)}
            className="mt-1"
          />
          <span>
            <span className="font-medium">Report drops to zero</span>
            <span className="block text-tremor-content">Spend stopping (a broken integration) is its own kind.</span>
          </span>
        </label>
        <fieldset className="space-y-1 text-sm">
          <legend className="font-medium">Alert when the impact reaches</legend>
          <span className="block text-tremor-content">
            Both must hold; anomalies below are still recorded and listed, without an alert.
          </span>
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-1">
              <span>USD</span>
              <input
                className={input}
                inputMode="decimal"
                aria-label="Alert minimum impact (USD)"
                value={alertMinImpact}
                disabled={!canEdit}
                onChange={(e) => setAlertMinImpact(e.target.value)}
              />
            </label>
            <label className="flex items-center gap-1">
              <span>and</span>
              <input
                className={input}
                inputMode="numeric"
                aria-label="Alert minimum percent of expected"
                value={alertMinPercent}
                disabled={!canEdit}
                onChange={(e) => setAlertMinPercent(e.target.value)}
              />
              <span>% of expected</span>
            </label>
          </div>
        </fieldset>
        <Text>
          Alerts go to{" "}
          {settings.channelIds === null ? "every alert channel" : `${settings.channelIds.length} selected channels`}.
        </Text>
        {canEdit ? (
          <Button type="submit" loading={save.isPending}>
            Save anomaly settings
          </Button>
        ) : (
          <Text>Only finance members and up can change them.</Text>
        )}
      </form>
      <FormError message={save.error?.message} />
      {save.isSuccess ? (
        <p role="status" className="text-sm text-emerald-700">
          Saved: minimum impact ${save.data.minImpact}/hour, drops {save.data.drops ? "on" : "off"}, alerts from $
          {save.data.alertMinImpact} and {save.data.alertMinPercent}%
        </p>
      ) : null}
    </Card>
  );
}
