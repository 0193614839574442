"use client";

import { Badge, Button, Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import { FormError } from "@/components/ui/form-error";
import { QueryState } from "@/components/ui/query-state";
import { formatDateTime } from "@/components/ui/format-date";
import { InviteForm } from "./invite-form";
import { apiUrl } from "@/lib/client/api-url";
import type { ApiResponse } from "@/lib/client/api-types";

const ROLES = ["OWNER", "ADMIN", "FINANCE", "ENGINEER", "VIEWER"];

type Members = ApiResponse<"members.list">;

type Props = { orgSlug: string; canManage: boolean; isOwner: boolean; currentUserId: string };

export function MembersPanel({ orgSlug, canManage, isOwner, currentUserId }: Props) {
  const url = apiUrl("/api/orgs/{org}/members", { params: { org: orgSlug } });
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ["members", orgSlug] });
  const data = useQuery({
    queryKey: ["members", orgSlug],
    queryFn: () => apiFetch<Members>(url),
  });
  const change = useMutation({
    mutationFn: ({ id, role }: { id: string; role: string }) =>
      apiFetch(apiUrl("/api/orgs/{org}/members/{memberId}", { params: { org: orgSlug, memberId: id } }), {
        method: "PATCH",
        json: { role },
      }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      apiFetch(apiUrl("/api/orgs/{org}/members/{memberId}", { params: { org: orgSlug, memberId: id } }), {
        method: "DELETE",
      }),
    onSettled: refresh,
  });
  const revokeInvite = useMutation({
    mutationFn: (id: string) =>
      apiFetch(apiUrl("/api/orgs/{org}/invites/{inviteId}", { params: { org: orgSlug, inviteId: id } }), {
        method: "DELETE",
      }),
    onSettled: refresh,
  });
  const grantable = ROLES.filter((r) => isOwner || r !== "OWNER");

  return (
    <div className="space-y-6">
      {canManage ? <InviteForm url={url} roles={grantable} onInvited={refresh} /> : null}
      <Card>
        <h2 className="mb-3 font-medium text-tremor-content-strong">Members</h2>
        <FormError message={change.error?.message ?? remove.error?.message ?? revokeInvite.error?.message} />
        <QueryState isLoading={data.isLoading} error={data.error} label="members" onRetry={() => void data.refetch()} />
        {data.data ? (
          <div className="overflow-x-auto">
            <Table>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Member</TableHeaderCell>
                  <TableHeaderCell>Role</TableHeaderCell>
                  <TableHeaderCell>Since</TableHeaderCell>
                  <TableHeaderCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {data.data.members.map((m) => {
                  const editable = canManage && m.user.id !== currentUserId && (isOwner || m.role !== "OWNER");
                  return (
                    <TableRow key={m.id}>
                      <TableCell>
                        <span className="font-medium text-tremor-content-strong">{m.user.name ?? m.user.email}</span>
                        {m.user.name ? <span className="block text-xs">{m.user.email}</span> : null}
                      </TableCell>
                      <TableCell>
                        {editable ? (
                          <select
                            aria-label={`Role of ${m.user.email}`}
                            className="rounded-tremor-small border-tremor-border text-sm"
                            value={m.role}
                            onChange={(e) => change.mutate({ id: m.id, role: e.target.value })}
                          >
                            {grantable.map((r) => (
                              <option key={r}>{r}</option>
                            ))}
                          </select>
                        ) : (
                          <Badge>{m.role}</Badge>
                        )}
                      </TableCell>
                      <TableCell>{formatDateTime(m.createdAt)}</TableCell>
                      <TableCell className="text-right">
                        {editable ? (
                          <Button
                            size="xs"
                            variant="light"
                            color="rose"
                            onClick={() => window.confirm(`Remove ${m.user.email}?`) && remove.mutate(m.id)}
                          >
                            Remove
                          </Button>
                        ) : null}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        ) : null}
      </Card>
      {data.data && data.data.invites.length > 0 ? (
        <Card>
          <h2 className="mb-3 font-medium text-tremor-content-strong">Pending invites</h2>
          <ul className="divide-y divide-tremor-border text-sm">
            {data.data.invites.map((i) => (
              <li key={i.id} className="flex items-center justify-between gap-3 py-2" data-testid="invite-row">
                <span>
                  {i.email} · {i.role}
                </span>
                <span className="flex items-center gap-3 text-tremor-content">
                  expires {formatDateTime(i.expiresAt)}
                  {canManage ? (
                    <Button
                      size="xs"
                      variant="secondary"
                      color="red"
                      loading={revokeInvite.isPending && revokeInvite.variables === i.id}
                      onClick={() => revokeInvite.mutate(i.id)}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
