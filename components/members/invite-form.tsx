"use client";

import { Button, Callout, Card } from "@tremor/react";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { fieldErrors, formMessage } from "@/components/ui/field-errors";
import type { ApiResponse } from "@/lib/client/api-types";

export function InviteForm({ url, roles, onInvited }: { url: string; roles: string[]; onInvited: () => void }) {
  const [sent, setSent] = useState<{ url: string; emailed: boolean; email: string } | null>(null);
  const invite = useMutation({
    mutationFn: (body: { email: string; role: string }) =>
      apiFetch<ApiResponse<"members.invite">>(url, { method: "POST", json: body }),
    onSuccess: (data) => {
      setSent({ url: data.invite.url, emailed: data.invite.emailed, email: data.invite.email });
      onInvited();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    invite.mutate({ email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "VIEWER") });
  }

  return (
    <Card>
      <h2 className="mb-3 font-medium text-tremor-content-strong">Invite a member</h2>
      {sent ? (
        <Callout
          title={
            sent.emailed
              ? `Invite emailed to ${sent.email}. You can also pass this link on yourself:`
              : "Invite created: send this link to the invitee (email delivery is not configured)"
          }
          color="emerald"
          className="mb-4"
        >
          <code data-testid="invite-link" className="block break-all text-sm">
            {sent.url}
          </code>
        </Callout>
      ) : null}
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-4" noValidate>
        <div className="min-w-64 flex-1">
          <Field label="Email" name="email" type="email" required error={fieldErrors(invite.error).email} />
        </div>
        <label className="text-sm font-medium text-tremor-content-strong">
          Role
          <select
            name="role"
            defaultValue="VIEWER"
            className="mt-1 block rounded-tremor-default border-tremor-border text-sm"
          >
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <Button type="submit" loading={invite.isPending}>
          Create invite
        </Button>
      </form>
      <div className="mt-2">
        <FormError message={formMessage(invite.error, ["email"])} />
      </div>
    </Card>
  );
}
