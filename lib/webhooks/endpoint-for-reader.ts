import type { WebhookEndpointView } from "./endpoint-view";

/**
 * An endpoint as a reader may see it: one who cannot manage webhooks sees only the URL's origin,
 * since a path or query often carries a token.
 */
export function endpointForReader(view: WebhookEndpointView, mayManage: boolean): WebhookEndpointView {
  if (mayManage) return view;
  const url = new URL(view.url);
  return { ...view, url: url.pathname === "/" && !url.search ? url.origin : `${url.origin}/…` };
}
