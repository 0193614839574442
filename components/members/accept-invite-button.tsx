"use client";

import { Button } from "@tremor/react";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api-fetch";
import { FormError } from "@/components/ui/form-error";

export function AcceptInviteButton({ token }: { token: string }) {
  const router = useRouter();
  const accept = useMutation({
    mutationFn: () =>
      apiFetch<{ organization: { slug: string } }>(`/api/invites/${encodeURIComponent(token)}/accept`, {
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
