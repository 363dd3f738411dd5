import { plainText } from "../core/markup.js";
import type { Button, FormField, Grid, Reply } from "../core/types.js";

/** Every button of a reply in the order they are shown: the rows' first, then the reply's own. */
export function numberedButtons(reply: Reply): Button[] {
  return [...(reply.rows ?? []).flatMap((r) => r.buttons), ...(reply.buttons ?? [])];
}

const HEAT = { good: "■", fair: "▣", poor: "□", none: " " } as const;

function renderGrid(grid: Grid): string[] {
  const width = Math.min(48, Math.max(8, ...grid.rows.map((r) => r.label.length)));
  // Each column as wide as its widest cell, two spaces apart, numbers and words alike right-aligned.
  const widths = grid.columns.map((c, i) =>
    Math.max(4, c.length, ...grid.rows.map((r) => (r.cells[i] ?? "").length)),
  );
  const cells = (values: string[]) => values.map((v, i) => `  ${v.padStart(widths[i] ?? 0)}`).join("");
  const lines = [`  ${"".padEnd(width + 2)}${cells(grid.columns)}`];
  for (const r of grid.rows) {
    const label = r.label.length > width ? `${r.label.slice(0, width - 1)}…` : r.label.padEnd(width);
    lines.push(`  ${HEAT[r.heat ?? "none"]} ${label}${cells(r.cells)}${r.note ? `  ⚠ ${r.note}` : ""}`);
  }
  return lines;
}

/**
 * A neutral reply as terminal text. Each button is shown with the number `number` gives it (called
 * in the order of `numberedButtons`), which typing presses. A form is not drawn here: the session
 * asks for its fields one by one.
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
  return lines.map((l) => indent + plainText(l)).join("\n");
}

/**
 * What a person types to pick each of a choice's options: the values themselves when they are short
 * words ("risk", "4"), otherwise (ids) the options' positions from 1. Never a mix, so a typed "2"
 * cannot mean both the value "2" and the second option.
 */
export function optionKeys(field: FormField): string[] {
  const options = field.options ?? [];
  return options.every((o) => /^[\w-]{1,24}$/.test(o.value))
    ? options.map((o) => o.value)
    : options.map((_o, i) => String(i + 1));
}

/** The value of the option typed as its key or its label (either case); undefined when none is. */
export function chooseOption(field: FormField, typed: string): string | undefined {
  const options = field.options ?? [];
  const keys = optionKeys(field);
  const t = typed.trim().toLowerCase();
  const i = keys.findIndex((k) => k.toLowerCase() === t);
  if (i >= 0) return options[i]?.value;
  return options.find((o) => o.label.toLowerCase() === t)?.value;
}

/**
 * One field's question, on one line: its label, what Enter does (the default, skip, or nothing for a
 * required field), then a choice's options or a text's example.
 * `  › How useful was it? (optional: Enter skips)  5 — very useful | 4 | 3 | 2 | 1 — not useful`
 */
export function renderFieldPrompt(field: FormField, initial: string | undefined): string {
  const options = field.options ?? [];
  const keys = optionKeys(field);
  const initialLabel =
    initial === undefined
      ? undefined
      : field.kind === "choice"
        ? (options.find((o) => o.value === initial)?.label ?? initial)
        : initial.length > 40
          ? `${initial.slice(0, 39)}…`
          : initial;
  const enter =
    initialLabel !== undefined
      ? `Enter: ${initialLabel}`
      : field.optional
        ? "optional: Enter skips"
        : "required";
  const limit = field.maxLength && field.kind !== "choice" ? `, at most ${field.maxLength} characters` : "";
  let after = "";
  if (field.kind === "choice") {
    // A label that already starts with its key ("5 — very useful", "Risk") is shown as it is.
    after = `  ${options
      .map((o, i) => {
        const key = keys[i] ?? "";
        const label = o.label.toLowerCase();
        return label === key.toLowerCase() || label.startsWith(`${key.toLowerCase()} `)
          ? o.label
          : `${key}) ${o.label}`;
      })
      .join(" | ")}`;
  } else if (field.placeholder) {
    after = `  e.g. ${field.placeholder}`;
  }
  return `  › ${field.label} (${enter}${limit})${after}`;
}
