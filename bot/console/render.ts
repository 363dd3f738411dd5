import type { Reply } from "../core/types.js";

/** A neutral reply as terminal text; buttons are numbered so they can be pressed by typing the number. */
export function renderText(reply: Reply, opts: { indent?: string; buttonOffset?: number } = {}): string {
  const indent = opts.indent ?? "";
  const lines = [`${reply.tone === "warning" ? "⚠ " : ""}${reply.text}`];
  for (const s of reply.sections ?? []) {
    if (s.title) lines.push(`  ${s.title}`);
    for (const f of s.fields ?? []) lines.push(`  ${f.label}: ${f.value}`);
    if (s.text) lines.push(...s.text.split("\n").map((l) => `  ${l}`));
  }
  if (reply.buttons?.length) {
    const offset = opts.buttonOffset ?? 1;
    lines.push(`  ${reply.buttons.map((b, i) => `[${offset + i}] ${b.label}`).join("   ")}`);
  }
  return lines.map((l) => indent + l).join("\n");
}
