/**
 * The core writes chat text with Slack's light markup: `*bold*` and `` `code` `` (a command to type).
 * Slack shows it as it is; these turn it into what other chats show.
 */

/** `*bold*`: stars hugging words, at word boundaries (so "2 * 3 * 4" stays as it is). */
const BOLD = /(^|[\s(])\*([^*\s](?:[^*\n]*[^*\s])?)\*(?=$|[\s).,:;!?])/g;

/** Plain text for a terminal: the marks removed, the words kept. */
export function plainText(text: string): string {
  return text.replace(/`([^`\n]+)`/g, "$1").replace(BOLD, "$1$2");
}

/** Adaptive Cards' markdown (Teams): `**bold**`; it has no code spans, so those become plain text. */
export function cardMarkdown(text: string): string {
  return text.replace(/`([^`\n]+)`/g, "$1").replace(BOLD, "$1**$2**");
}
