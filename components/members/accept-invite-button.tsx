"use client";

import { Button } from "@tremor/react";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api-fetch";
import { FormError } from "@/components/ui/form-error";
import { apiUrl } from "@/lib/client/api-url";
import type { ApiResponse } from "@/lib/client/api-types";

export function AcceptInviteButton({ token }: { token: string }) {
  const router = useRouter();
  const accept = useMutation({
    mutationFn: () =>
      apiFetch<ApiResponse<"invites.accept">>(apiUrl("/api/invites/{token}/accept", { params: { token } }), {
        method: "POST",
      }),
    onSuccess: ({ organization }) => router.push(`/${organization.slug}`),
  });
  return (
    <div className="space-y-3">
      <FormError message={accept.error?.message} />
      <Button className="w-full" loading={accept.isPending} onClick={() => accept.mutate()}>
        Accept invite
      </Button>
    </div>
  );
}
