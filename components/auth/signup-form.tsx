"use client";

import { Button } from "@tremor/react";
import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { fieldErrors, formMessage } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-error";
import { apiFetch } from "@/lib/client/api-fetch";
import { apiUrl } from "@/lib/client/api-url";
import type { ApiResponse } from "@/lib/client/api-types";
import { safeCallbackPath } from "@/lib/client/safe-callback-url";

const FIELDS = ["name", "email", "password", "organizationName", "inviteToken"];

/** Sign-up; with `invite`, for the invited address only and without an organisation of one's own. */
export function SignupForm({ invite }: { invite?: { token: string; email: string; orgName: string } }) {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const issues = fieldErrors(error);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const account = {
      name: String(form.get("name") ?? ""),
      email: invite?.email ?? String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    const body = invite
      ? { ...account, inviteToken: invite.token }
      : { ...account, organizationName: String(form.get("organizationName") ?? "") };
    setPending(true);
    setError(null);
    try {
      const { organization } = await apiFetch<ApiResponse<"auth.signup">>(apiUrl("/api/auth/signup"), {
        method: "POST",
        json: body,
      });
      const res = await signIn("credentials", { email: account.email, password: account.password, redirect: false });
      if (!res || res.error) throw new Error("Your account was created, but signing in failed: sign in again.");
      const home = organization ? `/${organization.slug}` : invite ? `/invite/${invite.token}` : "/";
      router.push(invite ? home : safeCallbackPath(params.get("callbackUrl"), home, window.location.origin));
      router.refresh();
    } catch (err) {
      setError(err);
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formMessage(error, FIELDS)} />
      <Field label="Your name" name="name" autoComplete="name" error={issues.name} />
      <Field
        label="Work email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={invite?.email}
        readOnly={Boolean(invite)}
        error={issues.email ?? issues.inviteToken}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        error={issues.password}
      />
      {invite ? (
        <p className="text-sm text-tremor-content" data-testid="signup-joins">
          You will join <strong>{invite.orgName}</strong>; no organisation of your own is created.
        </p>
      ) : (
        <Field
          label="Organisation"
          name="organizationName"
          placeholder="Acme Inc."
          required
          error={issues.organizationName}
        />
      )}
      <Button type="submit" className="w-full" loading={pending}>
        {invite ? "Create account and continue" : "Create account"}
      </Button>
    </form>
  );
}
