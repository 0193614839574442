/**
 * Where to go after signing in or up: only a path of this site. Anything that a browser or Next.js
 * could read as another host (`//host`, `/\host`, `https://host`, a tab or newline inside, or any of
 * those percent-encoded before a decode) gives the fallback instead.
 */
export function safeCallbackPath(raw: string | null | undefined, fallback: string, origin: string): string {
  if (!raw?.startsWith("/") || /^\/[/\\]/.test(raw) || hasControlOrBackslash(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return /^\/[/\\]/.test(path) ? fallback : path;
}

function hasControlOrBackslash(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c) return true;
  }
  return false;
}
