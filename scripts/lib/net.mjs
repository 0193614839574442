// Ports and probes: is something listening, find a free port, wait for an HTTP answer.
import net from "node:net";
import { sleep } from "./paths.mjs";

/** True if something accepts TCP connections on host:port. */
export function probeTcp(port, host = "127.0.0.1", timeoutMs = 1000) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once("connect", () => done(true));
    sock.once("error", () => done(false));
  });
}

function portFree(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** First port >= start that is free on 127.0.0.1 and that nothing answers on. */
export async function findFreePort(start, tries = 50) {
  for (let port = start; port < start + tries; port++) {
    if ((await portFree(port)) && !(await probeTcp(port, "127.0.0.1", 300))) return port;
  }
  throw new Error(`no free port in ${start}-${start + tries - 1}`);
}

export async function isPortFree(port) {
  return (await portFree(port)) && !(await probeTcp(port, "127.0.0.1", 300));
}

/** Waits until GET url answers (any status if anyStatus, else 2xx). Returns the status or throws. */
export async function waitForHttp(url, { timeoutMs = 60000, anyStatus = false, abort } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (abort?.()) throw new Error(`gave up waiting for ${url}: ${abort()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: "manual" });
      await res.arrayBuffer().catch(() => {});
      if (anyStatus || res.ok) return res.status;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await sleep(500);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s (last: ${last})`);
}
