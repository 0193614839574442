import { BlockList, isIP } from "node:net";

/** Address ranges an outbound call to a user-supplied URL must never reach (DESIGN invariant 11). */
const V4: [string, number, string][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local (incl. cloud metadata)"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];
const V6: [string, number, string][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fc00::", 7, "unique local (private)"],
  ["fe80::", 10, "link-local"],
  ["ff00::", 8, "multicast"],
];

const lists = new Map<string, BlockList>();
function add(type: "ipv4" | "ipv6", [net, prefix, reason]: [string, number, string]) {
  let list = lists.get(reason);
  if (!list) {
    list = new BlockList();
    lists.set(reason, list);
  }
  list.addSubnet(net, prefix, type);
}
for (const r of V4) add("ipv4", r);
for (const r of V6) add("ipv6", r);

/**
 * The IPv4 address embedded in an IPv4-mapped (::ffff:a.b.c.d), -compatible or NAT64 (64:ff9b::/96)
 * IPv6 address: checked against the IPv4 ranges (BlockList alone only maps ::ffff: forms).
 */
function embeddedV4(ip: string): string | null {
  const lower = ip.toLowerCase();
  const m = /^(?:::ffff:(?:0:)?|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (m) return m[1]!;
  const hex = /^(?:::ffff:(?:0:)?|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = Number.parseInt(hex[1]!, 16);
    const lo = Number.parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** Why an IP address is refused (e.g. "loopback"), or null when it is a public address. */
export function forbiddenReason(ip: string): string | null {
  const family = isIP(ip);
  if (family === 0) return "not an IP address";
  const v4 = family === 4 ? ip : embeddedV4(ip);
  const [addr, type] = v4 ? [v4, "ipv4" as const] : [ip, "ipv6" as const];
  for (const [reason, list] of lists) if (list.check(addr, type)) return reason;
  return null;
}
