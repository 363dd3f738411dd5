/** Text in HTML or SVG, as text: every markup character escaped, so a hostile title stays a title. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text in Markdown, as text: line breaks become spaces and Markdown punctuation, `|` and HTML's `<`
 * `>` `&` are backslash-escaped, so a title cannot open a link, a table cell or raw HTML.
 */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\r\n]+/g, " ").replace(/[\\`*_[\]<>|#~!&()]/g, (c) => `\\${c}`);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD), in calendar days. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The date `days` calendar days after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A number with at most `digits` decimals and no trailing zeros, the same on every runtime. */
export function formatNumber(value: number, digits = 1): string {
  const f = 10 ** digits;
  return String(Math.round(value * f) / f);
}

/** `value` cut to at most `max` characters (code points), an ellipsis marking the cut. */
export function shorten(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : value;
}
