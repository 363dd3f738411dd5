const OPEN = new Set(['"', "“", "„", "”"]);
const CLOSE = new Set(['"', "”", "“"]);

/** Splits chat text into words; a "quoted phrase" (straight or curly quotes) is one word, without its quotes. */
export function splitWords(text: string): { words: string[]; unclosed: boolean } {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (OPEN.has(ch)) {
      let j = i + 1;
      while (j < text.length && !CLOSE.has(text[j] ?? "")) j++;
      if (j >= text.length) return { words, unclosed: true };
      words.push(text.slice(i + 1, j).trim());
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j] ?? "")) j++;
    words.push(text.slice(i, j));
    i = j;
  }
  return { words, unclosed: false };
}
