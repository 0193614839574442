"use client";

import { Badge, Button, Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { formatDateTime } from "@/components/ui/format-date";
import { CreateApiKeyForm } from "./create-api-key-form";
import { apiUrl } from "@/lib/client/api-url";
import type { ApiResponse } from "@/lib/client/api-types";

export type ApiKeyRow = ApiResponse<"apiKeys.list">["apiKeys"][number];

export function ApiKeysPanel({ orgSlug, baseUrl }: { orgSlug: string; baseUrl: string }) {
  const url = apiUrl("/api/orgs/{org}/api-keys", { params: { org: orgSlug } });
  const client = useQueryClient();
  const keys = useQuery({ queryKey: ["api-keys", orgSlug], queryFn: () => apiFetch<ApiResponse<"apiKeys.list">>(url) });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      apiFetch(apiUrl("/api/orgs/{org}/api-keys/{keyId}", { params: { org: orgSlug, keyId: id } }), {
        method: "DELETE",
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["api-keys", orgSlug] }),
  });

  return (
    <div className="space-y-6">
      <CreateApiKeyForm
        url={url}
        baseUrl={baseUrl}
        onCreated={() => client.invalidateQueries({ queryKey: ["api-keys", orgSlug] })}
      />
      <Card>
        <h2 className="mb-3 font-medium text-tremor-content-strong">Keys</h2>
        <QueryState
          isLoading={keys.isLoading}
          error={keys.error}
          label="API keys"
          onRetry={() => void keys.refetch()}
        />
        {keys.data && keys.data.apiKeys.length === 0 ? (
          <EmptyState title="No API keys yet">Create one above to start sending usage.</EmptyState>
        ) : null}
        {keys.data && keys.data.apiKeys.length > 0 ? (
          <div className="overflow-x-auto">
            <Table>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Name</TableHeaderCell>
                  <TableHeaderCell>Key</TableHeaderCell>
                  <TableHeaderCell>Scopes</TableHeaderCell>
                  <TableHeaderCell>Last used</TableHeaderCell>
                  <TableHeaderCell>Created</TableHeaderCell>
                  <TableHeaderCell>Created by</TableHeaderCell>
                  <TableHeaderCell className="text-right">Status</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {keys.data.apiKeys.map((k) => (
                  <TableRow key={k.id} data-testid="api-key-row">
                    <TableCell className="font-medium text-tremor-content-strong">{k.name}</TableCell>
                    <TableCell>
                      <code>{k.prefix}…</code>
                    </TableCell>
                    <TableCell>{k.scopes.join(", ")}</TableCell>
                    <TableCell>{formatDateTime(k.lastUsedAt, "never")}</TableCell>
                    <TableCell>{formatDateTime(k.createdAt)}</TableCell>
                    <TableCell>{k.createdBy ? (k.createdBy.email ?? "a deleted account") : "initial setup"}</TableCell>
                    <TableCell className="text-right">
                      {k.revokedAt ? (
                        <Badge color="gray">revoked</Badge>
                      ) : (
                        <Button
                          size="xs"
                          variant="secondary"
                          color="rose"
                          loading={revoke.isPending && revoke.variables === k.id}
                          onClick={() => {
                            if (window.confirm(`Revoke "${k.name}"? Services using it are refused at once.`))
                              revoke.mutate(k.id);
                          }}
                        >
                          Revoke
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
