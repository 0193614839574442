"use client";

import { Button } from "@tremor/react";
import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { apiFetch, ClientApiError } from "@/lib/client/api-fetch";
import { apiUrl } from "@/lib/client/api-url";
import type { ApiResponse } from "@/lib/client/api-types";
import { safeCallbackPath } from "@/lib/client/safe-callback-url";

type Issues = Record<string, string>;

export function SignupForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Issues>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      organizationName: String(form.get("organizationName") ?? ""),
    };
    setPending(true);
    setError(null);
    setIssues({});
    try {
      const { organization } = await apiFetch<ApiResponse<"auth.signup">>(apiUrl("/api/auth/signup"), {
        method: "POST",
        json: body,
      });
      const res = await signIn("credentials", { email: body.email, password: body.password, redirect: false });
      if (!res || res.error) throw new Error("Account created, but signing in failed. Try signing in.");
      router.push(safeCallbackPath(params.get("callbackUrl"), `/${organization.slug}`, window.location.origin));
      router.refresh();
    } catch (err) {
      const fieldIssues = err instanceof ClientApiError ? err.issues : [];
      setIssues(Object.fromEntries(fieldIssues.map((i) => [i.path, i.message])));
      setError(
        fieldIssues.length
          ? "Please correct the highlighted fields."
          : err instanceof Error
            ? err.message
            : "Sign-up failed",
      );
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      <Field label="Your name" name="name" autoComplete="name" error={issues.name} />
      <Field label="Work email" name="email" type="email" autoComplete="email" required error={issues.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        error={issues.password}
      />
      <Field
        label="Organisation"
        name="organizationName"
        placeholder="Acme Inc."
        required
        error={issues.organizationName}
      />
      <Button type="submit" className="w-full" loading={pending}>
        Create account
      </Button>
    </form>
  );
}
