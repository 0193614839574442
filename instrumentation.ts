// Runs once when the Next.js server starts (https://nextjs.org/docs/app/guides/instrumentation).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stampClientAddress } = await import("./lib/net/stamp-client-address");
  stampClientAddress();
}
