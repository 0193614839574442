/** What one attempt of a delivery gave: logged as a DeliveryAttempt. */
export type SendOutcome = {
  ok: boolean;
  statusCode?: number | null;
  excerpt?: string | null;
  error?: string | null;
  /** Do not retry (the endpoint answered 410, was disabled, or the target is gone). */
  giveUp?: boolean;
};

export type OutboundEvent = { id: string; type: string; data: unknown; createdAt: Date };

export type DeliveryToSend = { orgId: string; id: string; targetId: string; event: OutboundEvent };

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
