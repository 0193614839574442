import type { EventSummary } from "./describe-event";
import { escapeHtml } from "./escape-html";

const textOf = (s: EventSummary) =>
  [s.title, ...s.fields.map((f) => `${f.label}: ${f.value}`), ...(s.link ? [`${s.linkLabel}: ${s.link}`] : [])].join(
    "\n",
  );

const htmlOf = (s: EventSummary) =>
  `<h2>${escapeHtml(s.title)}</h2>` +
  (s.fields.length
    ? `<table>${s.fields.map((f) => `<tr><th align="left">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`).join("")}</table>`
    : "") +
  (s.link ? `<p><a href="${escapeHtml(s.link)}">${escapeHtml(s.linkLabel)}</a></p>` : "");

/** Subject, plain and HTML parts of one or several (digest) events. */
export function emailMessage(items: EventSummary[], digestTitle?: string) {
  const subject = digestTitle ?? items[0]?.title ?? "Burnrate";
  return {
    subject,
    text: (digestTitle ? [digestTitle, ""] : []).concat(items.map(textOf)).join("\n\n"),
    html: `<!doctype html><html><body>${digestTitle ? `<h1>${escapeHtml(digestTitle)}</h1>` : ""}${items.map(htmlOf).join("<hr>")}</body></html>`,
  };
}
