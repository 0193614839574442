/**
 * The client address of a request. X-Forwarded-For is written by the client as much as by proxies, so
 * only the entries appended by proxies we run count: with TRUSTED_PROXY_HOPS = n, the address is the
 * n-th entry from the right of "X-Forwarded-For, socket address" (0: the socket's own address).
 * lib/net/http-edge.ts resolves it once per request, before Next.js sees the request, and
 * passes it on in CLIENT_ADDRESS_HEADER (any copy of that header sent by a client is replaced).
 */
export const CLIENT_ADDRESS_HEADER = "x-burnrate-client-address";

function normalise(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, "");
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

export function resolveClientAddress(
  forwardedFor: string | string[] | undefined,
  peer: string | undefined,
  hops: number,
) {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer ?? "unknown"];
  // More hops configured than the request went through: the leftmost entry is the best there is.
  return normalise(chain[Math.max(0, chain.length - 1 - hops)]!);
}

/** The address resolved for this request ("unknown" when the stamp did not run, e.g. in unit tests). */
export function clientAddressOf(headers: { get(name: string): string | null }): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
