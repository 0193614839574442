import http from "node:http";
import { env } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "./client-address";

const STAMPED = Symbol.for("burnrate.clientAddressStamp");

/**
 * Makes every HTTP request this process serves carry the resolved client address, computed from the
 * socket before Next.js adds its own X-Forwarded-For. Called once by instrumentation.ts at start-up.
 */
export function stampClientAddress(): void {
  const proto = http.Server.prototype as http.Server & { [STAMPED]?: boolean };
  if (proto[STAMPED]) return;
  proto[STAMPED] = true;
  const hops = env().TRUSTED_PROXY_HOPS;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
        req.headers["x-forwarded-for"],
        req.socket?.remoteAddress,
        hops,
      );
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}
