// Preloaded into the web app (`node --require scripts/lib/web-drain.cjs next start`, with
// NEXT_MANUAL_SIG_HANDLE=1 so that Next.js leaves the signals to us): a graceful, bounded shutdown.
// On SIGTERM or SIGINT the HTTP server stops accepting connections, closes idle keep-alive ones,
// lets in-flight requests finish, and the process exits 0; after BURNRATE_WEB_DRAIN_MS (10 s) it
// exits 1 with whatever is still running. CommonJS because --require needs it before Next loads.
const http = require("node:http");

const servers = new Set();
const createServer = http.createServer;
http.createServer = function patchedCreateServer(...args) {
  const server = createServer.apply(this, args);
  servers.add(server);
  return server;
};

let draining = false;
function drain(signal) {
  if (draining) return;
  draining = true;
  const boundMs = Number(process.env.BURNRATE_WEB_DRAIN_MS) || 10_000;
  const started = Date.now();
  process.stdout.write(`${signal}: web stops accepting and drains in-flight requests (at most ${boundMs} ms)\n`);
  const bound = setTimeout(() => {
    process.stderr.write(`web drain: still busy after ${boundMs} ms; exiting anyway\n`);
    process.exit(1);
  }, boundMs);
  // Connections that finish a request during the drain become idle: close them as they do.
  const reaper = setInterval(() => {
    for (const s of servers) s.closeIdleConnections?.();
  }, 50);
  void Promise.all(
    [...servers].map(
      (s) =>
        new Promise((resolve) => {
          if (!s.listening) return resolve();
          s.close(() => resolve());
          s.closeIdleConnections?.();
        }),
    ),
  ).then(() => {
    clearTimeout(bound);
    clearInterval(reaper);
    process.stdout.write(`web drained in ${Date.now() - started} ms; exit 0\n`);
    process.exit(0);
  });
}

if (process.env.NEXT_MANUAL_SIG_HANDLE) {
  process.on("SIGTERM", () => drain("SIGTERM"));
  process.on("SIGINT", () => drain("SIGINT"));
}
