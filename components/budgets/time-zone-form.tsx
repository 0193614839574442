"use client";

import { Button, Card, Text, Title } from "@tremor/react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { FormError } from "@/components/ui/form-error";

/** The organisation time zone, in which calendar budget periods start and reset. */
export function TimeZoneForm({ orgSlug, timeZone, canEdit }: { orgSlug: string; timeZone: string; canEdit: boolean }) {
  const [value, setValue] = useState(timeZone);
  const zones = typeof Intl.supportedValuesOf === "function" ? ["UTC", ...Intl.supportedValuesOf("timeZone")] : ["UTC"];
  const save = useMutation({
    mutationFn: () =>
      apiFetch<ApiResponse<"organizations.setTimeZone">>(
        apiUrl("/api/orgs/{org}/time-zone", { params: { org: orgSlug } }),
        { method: "PUT", json: { timeZone: value } },
      ),
  });
  return (
    <Card className="space-y-3" data-testid="time-zone">
      <Title>Time zone</Title>
      <Text>Budget periods (day, week, month, quarter) start and reset at midnight in this time zone.</Text>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label className="space-y-1 text-sm">
          <span className="block font-medium">Time zone</span>
          <select
            aria-label="Time zone"
            className="block w-64 max-w-full rounded-tremor-default border-tremor-border text-sm"
            value={value}
            disabled={!canEdit}
            onChange={(e) => setValue(e.target.value)}
          >
            {[...new Set(zones)].map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
        {canEdit ? (
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        ) : (
          <Text>Only owners and admins can change it.</Text>
        )}
      </form>
      <FormError message={save.error?.message} />
      {save.isSuccess ? (
        <p role="status" className="text-sm text-emerald-700">
          Saved: {save.data.timeZone}
        </p>
      ) : null}
    </Card>
  );
}
