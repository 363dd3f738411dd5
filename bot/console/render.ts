import type { Button, Grid, Reply } from "../core/types.js";

/** Every button of a reply in the order they are shown: the rows' first, then the reply's own. */
export function numberedButtons(reply: Reply): Button[] {
  return [...(reply.rows ?? []).flatMap((r) => r.buttons), ...(reply.buttons ?? [])];
}

const HEAT = { good: "■", fair: "▣", poor: "□", none: " " } as const;

function renderGrid(grid: Grid): string[] {
  const width = Math.min(48, Math.max(8, ...grid.rows.map((r) => r.label.length)));
  const cell = (s: string) => s.padStart(6);
  const lines = [`  ${"".padEnd(width + 2)}${grid.columns.map(cell).join("")}`];
  for (const r of grid.rows) {
    const label = r.label.length > width ? `${r.label.slice(0, width - 1)}…` : r.label.padEnd(width);
    lines.push(
      `  ${HEAT[r.heat ?? "none"]} ${label}${r.cells.map(cell).join("")}${r.note ? `  ⚠ ${r.note}` : ""}`,
    );
  }
  return lines;
}

/**
 * A neutral reply as terminal text. Each button is shown with the number `number` gives it (called
 * in the order of `numberedButtons`), which typing presses.
 */
export function renderText(
  reply: Reply,
  opts: { indent?: string; number: (button: Button) => number },
): string {
  const indent = opts.indent ?? "";
  const lines = [`${reply.tone === "warning" ? "⚠ " : ""}${reply.text}`];
  for (const s of reply.sections ?? []) {
    if (s.title) lines.push(`  ${s.title}`);
    for (const f of s.fields ?? []) lines.push(`  ${f.label}: ${f.value}`);
    if (s.grid) lines.push(...renderGrid(s.grid));
    if (s.text) lines.push(...s.text.split("\n").map((l) => `  ${l}`));
  }
  const shown = (b: Button) => `[${opts.number(b)}] ${b.label}`;
  for (const row of reply.rows ?? []) {
    lines.push(`  ${row.label ? `${row.label}: ` : ""}${row.buttons.map(shown).join("   ")}`);
  }
  if (reply.buttons?.length) lines.push(`  ${reply.buttons.map(shown).join("   ")}`);
  if (reply.form) {
    lines.push(
      `  (${reply.form.title}: in Slack or Teams this opens a form with ${reply.form.fields.map((f) => f.label.toLowerCase()).join(", ")}.`,
    );
    lines.push(
      reply.form.formId.startsWith("fb:")
        ? "   Here, type /feedback <1-5> <comment>.)"
        : "   Here, type /capture <kind> <text> [priority:high] [by:Q3].)",
    );
  }
  return lines.map((l) => indent + l).join("\n");
}
