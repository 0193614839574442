import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { CheckedUrl } from "./check-url";

export type PostResult = { statusCode: number; excerpt: string };

const EXCERPT_BYTES = 1024;

/**
 * POSTs to a checked URL, connecting to the address that was checked (a lookup that returns it),
 * so a DNS answer that changes between the check and the connection cannot redirect the call.
 * TLS still verifies the certificate against the URL's host name. Redirects are not followed.
 * Resolves with the status and the first KiB of the response; rejects on network errors/timeouts.
 */
export function postChecked(
  target: CheckedUrl,
  body: string,
  headers: Record<string, string>,
  timeoutMs = 10_000,
): Promise<PostResult> {
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const transport = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target.url,
      {
        method: "POST",
        lookup: pinned,
        timeout: timeoutMs,
        headers: {
          "content-type": "application/json",
          "user-agent": "Burnrate-Webhooks/1",
          "content-length": String(Buffer.byteLength(body)),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(c);
          size += c.length;
        });
        res.on("end", () =>
          resolve({
            statusCode: res.statusCode ?? 0,
            excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}
