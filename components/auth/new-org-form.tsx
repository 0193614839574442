"use client";

import { Button } from "@tremor/react";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { fieldErrors, formMessage } from "@/components/ui/field-errors";
import { apiUrl } from "@/lib/client/api-url";
import type { ApiResponse } from "@/lib/client/api-types";

export function NewOrgForm() {
  const router = useRouter();
  const create = useMutation({
    mutationFn: (name: string) =>
      apiFetch<ApiResponse<"organizations.create">>(apiUrl("/api/orgs"), { method: "POST", json: { name } }),
    onSuccess: ({ organization }) => router.push(`/${organization.slug}`),
  });
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    create.mutate(String(new FormData(e.currentTarget).get("name") ?? ""));
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formMessage(create.error, ["name"])} />
      <Field label="Organisation name" name="name" required error={fieldErrors(create.error).name} />
      <Button type="submit" className="w-full" loading={create.isPending}>
        Create organisation
      </Button>
    </form>
  );
}
