import type { types } from "@slack/bolt";
import type { Form, Grid, Heat, Reply } from "../core/types.js";

type KnownBlock = types.KnownBlock;

/** Slack mrkdwn escaping for text we did not write (titles, names). */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** Block Kit's limits: button and option labels 75 characters, section text 3,000. */
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const SECTION_MAX = 2900;

const HEAT: Record<Heat, string> = { good: "🟩", fair: "🟨", poor: "🟥", none: "⬜" };

/**
 * A grid as mrkdwn lines (Block Kit has no table): one line per row, a coloured square for its heat —
 * `🟥 *Cost* L 2 · M 1 · H 0 · score 1.3 ⚠️ split`. Long grids are cut into several sections.
 */
function gridTexts(grid: Grid): string[] {
  const lines = grid.rows.map((r) => {
    const cells = grid.columns
      .map((c, i) => `${escapeMrkdwn(c)} ${escapeMrkdwn(r.cells[i] ?? "")}`)
      .join(" · ");
    return `${HEAT[r.heat ?? "none"]} *${escapeMrkdwn(clip(r.label, 150))}*  ${cells}${r.note ? `  ⚠️ ${escapeMrkdwn(r.note)}` : ""}`;
  });
  const out: string[] = [];
  let current = "";
  for (const line of lines) {
    if (current && current.length + line.length + 1 > SECTION_MAX) {
      out.push(current);
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(current);
  return out;
}

/** A neutral reply as Block Kit: a section per part, a label and an actions block per button row, buttons last. */
export function renderBlocks(reply: Reply): { text: string; blocks: KnownBlock[] } {
  const prefix = reply.tone === "warning" ? ":warning: " : "";
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: clip(prefix + escapeMrkdwn(reply.text), SECTION_MAX) } },
  ];
  for (const s of reply.sections ?? []) {
    const text = [s.title ? `*${escapeMrkdwn(s.title)}*` : "", s.text ? escapeMrkdwn(s.text) : ""]
      .filter(Boolean)
      .join("\n");
    const fields = (s.fields ?? []).slice(0, 10).map((f) => ({
      type: "mrkdwn" as const,
      text: `*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`,
    }));
    const grid = s.grid ? gridTexts(s.grid) : [];
    if (fields.length)
      blocks.push({
        type: "section",
        ...(text ? { text: { type: "mrkdwn", text: clip(text, SECTION_MAX) } } : {}),
        fields,
      });
    else if (text && !grid.length)
      blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(text, SECTION_MAX) } });
    // A grid's title goes above it and its text (a summary) below it.
    if (grid.length) {
      if (s.title)
        blocks.push({ type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(s.title)}*` } });
      for (const g of grid) blocks.push({ type: "section", text: { type: "mrkdwn", text: g } });
      if (s.text)
        blocks.push({
          type: "context",
          elements: [{ type: "mrkdwn", text: clip(escapeMrkdwn(s.text), SECTION_MAX) }],
        });
    }
  }
  for (const row of reply.rows ?? []) {
    if (row.label)
      blocks.push({
        type: "section",
        text: { type: "mrkdwn", text: clip(escapeMrkdwn(row.label), SECTION_MAX) },
      });
    blocks.push({ type: "actions", elements: row.buttons.slice(0, 25).map(button) });
  }
  if (reply.buttons?.length)
    blocks.push({ type: "actions", elements: reply.buttons.slice(0, 25).map(button) });
  return { text: prefix + reply.text, blocks: blocks.slice(0, 50) };
}

function button(b: { label: string; actionId: string; style?: "primary" | "danger" }) {
  return {
    type: "button" as const,
    text: { type: "plain_text" as const, text: clip(b.label, 75) },
    action_id: b.actionId,
    value: b.actionId,
    ...(b.style ? { style: b.style } : {}),
  };
}

/** What a modal carries back to us: the channel it was opened from and the core's own state. */
export interface ModalMetadata {
  channelId?: string;
  state?: string;
}

/** A neutral form as a Slack modal (views.open): one input block per field, its block id the field's id. */
export function renderModal(form: Form, meta: ModalMetadata): types.ModalView {
  const blocks: KnownBlock[] = [];
  if (form.intro)
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: clip(escapeMrkdwn(form.intro), SECTION_MAX) },
    });
  for (const f of form.fields) {
    const label = { type: "plain_text" as const, text: clip(f.label, 2000) };
    if (f.kind === "choice") {
      const options = (f.options ?? []).slice(0, 100).map((o) => ({
        text: { type: "plain_text" as const, text: clip(o.label, 75) },
        value: o.value,
      }));
      const initial = options.find((o) => o.value === f.initial);
      blocks.push({
        type: "input",
        block_id: f.id,
        label,
        optional: Boolean(f.optional),
        element: {
          type: "static_select",
          action_id: "value",
          placeholder: { type: "plain_text", text: clip(f.placeholder ?? "Choose", 150) },
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      });
    } else {
      blocks.push({
        type: "input",
        block_id: f.id,
        label,
        optional: Boolean(f.optional),
        element: {
          type: "plain_text_input",
          action_id: "value",
          multiline: f.kind === "paragraph",
          ...(f.maxLength ? { max_length: f.maxLength } : {}),
          ...(f.initial ? { initial_value: f.initial } : {}),
          ...(f.placeholder
            ? { placeholder: { type: "plain_text" as const, text: clip(f.placeholder, 150) } }
            : {}),
        },
      });
    }
  }
  return {
    type: "modal",
    callback_id: form.formId,
    title: { type: "plain_text", text: clip(form.title, 24) },
    submit: { type: "plain_text", text: clip(form.submitLabel, 24) },
    close: { type: "plain_text", text: "Cancel" },
    private_metadata: JSON.stringify(meta).slice(0, 3000),
    blocks,
  };
}

/** A modal submission's values by block id: the text typed, or the chosen option's value ("" if none). */
export function modalValues(state: unknown): Record<string, string> {
  const values = (state as { values?: Record<string, Record<string, unknown>> } | undefined)?.values ?? {};
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const v = actions.value as
      | { value?: string | null; selected_option?: { value?: string } | null }
      | undefined;
    out[blockId] = v?.selected_option?.value ?? v?.value ?? "";
  }
  return out;
}
