"use client";

import { Button, Card, Text, Title } from "@tremor/react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { FormError } from "@/components/ui/form-error";

type Mode = "open" | "closed";
const CHOICES: { mode: Mode; label: string; help: string }[] = [
  {
    mode: "open",
    label: "Fail open (allow)",
    help: "Calls go ahead; webhooks and channels get limits.degraded once the data is back.",
  },
  { mode: "closed", label: "Fail closed (refuse)", help: "Calls are refused until the data can be read again." },
];

/** What the limits API answers when Postgres is down (Redis holds no figures, so it cannot decide alone). */
export function CapFailModeForm({ orgSlug, failMode, canEdit }: { orgSlug: string; failMode: Mode; canEdit: boolean }) {
  const [value, setValue] = useState<Mode>(failMode);
  const save = useMutation({
    mutationFn: () =>
      apiFetch<ApiResponse<"organizations.setCapFailMode">>(
        apiUrl("/api/orgs/{org}/limits/fail-mode", { params: { org: orgSlug } }),
        { method: "PUT", json: { failMode: value } },
      ),
  });
  return (
    <Card className="space-y-3" data-testid="cap-fail-mode">
      <Title>Hard caps during an outage</Title>
      <Text>
        The limits API decides from Postgres, with Redis as its fast path. If Postgres is down, it answers with this
        setting.
      </Text>
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        {CHOICES.map((c) => (
          <label key={c.mode} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="failMode"
              value={c.mode}
              checked={value === c.mode}
              disabled={!canEdit}
              onChange={() => setValue(c.mode)}
              className="mt-1"
            />
            <span>
              <span className="font-medium">{c.label}</span>
              <span className="block text-tremor-content">{c.help}</span>
            </span>
          </label>
        ))}
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
          Saved: fail {save.data.failMode}
        </p>
      ) : null}
    </Card>
  );
}
