import type { types } from "@slack/bolt";
import type { Form, Grid, Heat, Reply } from "../core/types.js";

type KnownBlock = types.KnownBlock;

/** Slack mrkdwn escaping for text we did not write (titles, names). */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * Block Kit's limits (api.slack.com/reference/block-kit): 50 blocks a message; section text 3,000
 * characters and 10 fields of 2,000; 25 elements an actions block; button text 75; option text 75
 * and 100 options a static select; context 10 elements; the top-level `text` is cut by Slack at
 * 40,000 (4,000 recommended). Slack refuses a message that breaks one, so Baton keeps under each.
 */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  actionsElements: 25,
  buttonText: 75,
  optionText: 75,
  options: 100,
  contextElements: 10,
  messageText: 4000,
} as const;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const SECTION_MAX = 2900;

/** Long text as several section-sized pieces, cut at line ends where it can be. */
function pieces(text: string, max = SECTION_MAX): string[] {
  const out: string[] = [];
  let current = "";
  for (const raw of text.split("\n")) {
    let line = raw;
    while (line.length > max) {
      if (current) out.push(current);
      current = "";
      out.push(line.slice(0, max));
      line = line.slice(max);
    }
    if (current && current.length + line.length + 1 > max) {
      out.push(current);
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(current);
  return out;
}

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

/**
 * A neutral reply as Block Kit: a section per part, a label and an actions block per button row,
 * buttons last. Long text becomes several sections, more than 10 fields several sections, more than
 * 25 buttons several actions blocks; past 50 blocks the rest is left out and the last block says how
 * many lines were, keeping the message's buttons (a poll's are on its own cards, each well under).
 */
export function renderBlocks(reply: Reply): { text: string; blocks: KnownBlock[] } {
  const prefix = reply.tone === "warning" ? ":warning: " : "";
  const mrkdwn = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
  const blocks: KnownBlock[] = [mrkdwn(clip(prefix + escapeMrkdwn(reply.text), SECTION_MAX))];
  for (const s of reply.sections ?? []) {
    const text = [s.title ? `*${escapeMrkdwn(s.title)}*` : "", s.text ? escapeMrkdwn(s.text) : ""]
      .filter(Boolean)
      .join("\n");
    const fields = (s.fields ?? []).map((f) => ({
      type: "mrkdwn" as const,
      text: clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, SLACK_LIMITS.fieldText),
    }));
    const grid = s.grid ? gridTexts(s.grid) : [];
    if (fields.length) {
      const [first = ""] = text ? pieces(text) : [];
      for (let i = 0; i < fields.length; i += SLACK_LIMITS.fields)
        blocks.push({
          type: "section",
          ...(i === 0 && first ? { text: { type: "mrkdwn" as const, text: first } } : {}),
          fields: fields.slice(i, i + SLACK_LIMITS.fields),
        });
      if (text) for (const t of pieces(text).slice(1)) blocks.push(mrkdwn(t));
    } else if (text && !grid.length) for (const t of pieces(text)) blocks.push(mrkdwn(t));
    // A grid's title goes above it and its text (a summary) below it.
    if (grid.length) {
      if (s.title) blocks.push(mrkdwn(`*${escapeMrkdwn(clip(s.title, 200))}*`));
      for (const g of grid) blocks.push(mrkdwn(g));
      if (s.text)
        blocks.push({
          type: "context",
          elements: [{ type: "mrkdwn", text: clip(escapeMrkdwn(s.text), SECTION_MAX) }],
        });
    }
  }
  for (const row of reply.rows ?? []) {
    if (row.label) blocks.push(mrkdwn(clip(escapeMrkdwn(row.label), SECTION_MAX)));
    blocks.push(...actions(row.buttons));
  }
  const tail = reply.buttons?.length ? actions(reply.buttons) : [];
  const room = SLACK_LIMITS.blocks - tail.length;
  if (blocks.length > room) {
    const kept = blocks.slice(0, room - 1);
    const left = blocks.length - kept.length;
    kept.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `… and ${left} more ${left === 1 ? "part" : "parts"} not shown here: too long for one Slack message.`,
        },
      ],
    });
    return { text: clip(prefix + reply.text, SLACK_LIMITS.messageText), blocks: [...kept, ...tail] };
  }
  return { text: clip(prefix + reply.text, SLACK_LIMITS.messageText), blocks: [...blocks, ...tail] };
}

/** Buttons as actions blocks of at most 25. */
function actions(buttons: Reply["buttons"] & object): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < buttons.length; i += SLACK_LIMITS.actionsElements)
    out.push({ type: "actions", elements: buttons.slice(i, i + SLACK_LIMITS.actionsElements).map(button) });
  return out;
}

function button(b: { label: string; actionId: string; style?: "primary" | "danger" }) {
  return {
    type: "button" as const,
    text: { type: "plain_text" as const, text: clip(b.label, SLACK_LIMITS.buttonText) },
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
      const options = (f.options ?? []).slice(0, SLACK_LIMITS.options).map((o) => ({
        text: { type: "plain_text" as const, text: clip(o.label, SLACK_LIMITS.optionText) },
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
