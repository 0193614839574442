/** Items grouped by their organisation, each group in the items' order. */
export function byOrg<T extends { orgId: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.orgId);
    if (group) group.push(item);
    else groups.set(item.orgId, [item]);
  }
  return groups;
}
