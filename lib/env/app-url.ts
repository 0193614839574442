import { env } from "./index";

/**
 * The one base URL of every link Burnrate hands out (emails, invites, Slack messages; next-auth's sign-out
 * redirect reads the same variable): NEXTAUTH_URL, without a trailing slash. Never the request's Host header,
 * which a client could set, and which is `localhost` for whoever opened the app that way.
 */
export function appBaseUrl(): string {
  return env().NEXTAUTH_URL.replace(/\/+$/, "");
}

/** An absolute link to `path` (`/demo/budgets`) of this deployment. */
export function appUrl(path: string): string {
  return `${appBaseUrl()}${path.startsWith("/") ? path : `/${path}`}`;
}
