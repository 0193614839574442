import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { forbiddenReason } from "./forbidden-address";

/** A URL whose host was resolved and checked: connect to `address`, never resolve the host again. */
export type CheckedUrl = { url: URL; address: string; family: 4 | 6 };

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Parses a user-supplied URL, resolves its host and refuses non-http(s) schemes and any address
 * that is loopback, private, link-local/metadata, CGNAT, unspecified (or such an address mapped
 * into IPv6). Every resolved address must be public, so a round-robin name cannot smuggle one in.
 * `allowPrivate` (BURNRATE_ALLOW_PRIVATE_URLS, development/test only) skips the address check.
 * Throws AppError invalid_request on `field`.
 */
export async function checkOutboundUrl(
  raw: string,
  field = "url",
  opts: { allowPrivate?: boolean; resolve?: Resolver } = {},
): Promise<CheckedUrl> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw AppError.invalid(field, "must be an absolute URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw AppError.invalid(field, "must be an http(s) URL");
  if (url.username || url.password) throw AppError.invalid(field, "must not contain credentials");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await (opts.resolve ?? systemResolver)(host);
    } catch {
      throw AppError.invalid(field, `host ${host} does not resolve`);
    }
    if (addresses.length === 0) throw AppError.invalid(field, `host ${host} does not resolve`);
  }
  const allowPrivate = opts.allowPrivate ?? env().BURNRATE_ALLOW_PRIVATE_URLS;
  if (!allowPrivate) {
    for (const a of addresses) {
      const reason = forbiddenReason(a.address);
      if (reason) throw AppError.invalid(field, `resolves to a ${reason} address (${a.address}), which is not allowed`);
    }
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
