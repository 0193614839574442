// Runs once when the Next.js server starts (https://nextjs.org/docs/app/guides/instrumentation).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installHttpEdge } = await import("./lib/net/http-edge");
  installHttpEdge();
}
