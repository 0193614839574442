/**
 * In-process notice that an organisation's budgets (or its time zone) changed, for caches of
 * budgets such as the limits API's (lib/limits/cap-budgets.ts). Other processes rely on the
 * caches' short lifetime.
 */
const listeners = new Set<(orgId: string) => void>();

export function onBudgetsChanged(listener: (orgId: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function budgetsChanged(orgId: string): void {
  for (const l of listeners) l(orgId);
}
