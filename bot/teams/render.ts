import type { Attachment } from "botbuilder";
import { cardMarkdown } from "../core/markup.js";
import type { Button, Form, Grid, Heat, Reply } from "../core/types.js";
import { MAX_REFRESH_USERS } from "./roster.js";

/**
 * Teams refuses a bot message larger than about 100 KB, measured on the activity it is sent as (the
 * serialized JSON: card, text and addressing). Baton keeps each card under this many bytes: a poll's
 * cards are packed into messages of at most this (bot/teams/poll-parts.ts), and any card over it is
 * drawn compactly, then cut. The headroom covers what a card gains later: a refresh naming up to 60
 * members, a person's own ✓ marks, more voters' names.
 */
export const MAX_TEAMS_MESSAGE_BYTES = 80_000;

/** What Teams measures: the activity as JSON, in UTF-8 bytes. */
export function activityBytes(activity: object): number {
  return new TextEncoder().encode(JSON.stringify(activity)).byteLength;
}

/** Actions Teams shows side by side in one ActionSet (its host config's `maxActions`). */
const TEAMS_ACTIONS_PER_SET = 5;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Adaptive Cards 1.5: Action.Execute (Universal Actions, 1.4) and Table (1.5), both in Teams. */
const CARD_VERSION = "1.5";

const HEAT_STYLE: Record<Heat, string> = {
  good: "good",
  fair: "warning",
  poor: "attention",
  none: "default",
};

/** The verb of a form's submit button; its data carries the form id and state back. */
export const FORM_VERB = "baton:form";

function execute(b: Button): Record<string, unknown> {
  return {
    type: "Action.Execute",
    title: b.label,
    verb: b.actionId,
    data: { actionId: b.actionId },
    ...(b.style === "primary" ? { style: "positive" } : b.style === "danger" ? { style: "destructive" } : {}),
  };
}

function table(grid: Grid): Record<string, unknown> {
  const text = (t: string, bold = false) => ({
    type: "TableCell",
    items: [{ type: "TextBlock", text: t, wrap: true, ...(bold ? { weight: "Bolder" } : {}) }],
  });
  return {
    type: "Table",
    firstRowAsHeader: true,
    columns: [{ width: 3 }, ...grid.columns.map(() => ({ width: 1 })), { width: 2 }],
    rows: [
      { type: "TableRow", cells: [text(""), ...grid.columns.map((c) => text(c, true)), text("")] },
      ...grid.rows.map((r) => ({
        type: "TableRow",
        style: HEAT_STYLE[r.heat ?? "none"],
        cells: [text(r.label, true), ...r.cells.map((c) => text(c)), text(r.note ?? "")],
      })),
    ],
  };
}

/** A grid as one line per row (compact: a Table's cells cost about three times the bytes). */
function gridLines(grid: Grid): Record<string, unknown> {
  const mark: Record<Heat, string> = { good: "🟩", fair: "🟨", poor: "🟥", none: "⬜" };
  return {
    type: "TextBlock",
    wrap: true,
    text: grid.rows
      .map(
        (r) =>
          `${mark[r.heat ?? "none"]} **${r.label}** ${grid.columns.map((c, i) => `${c} ${r.cells[i] ?? ""}`).join(" · ")}${r.note ? ` ⚠️ ${r.note}` : ""}`,
      )
      .join("\n\n"),
  };
}

/** A form as Adaptive Card inputs, submitted with Action.Execute (verb FORM_VERB). */
function formBody(form: Form): { body: Record<string, unknown>[]; actions: Record<string, unknown>[] } {
  const body: Record<string, unknown>[] = [
    { type: "TextBlock", text: form.title, weight: "Bolder", size: "Medium", wrap: true },
  ];
  if (form.intro) body.push({ type: "TextBlock", text: form.intro, wrap: true });
  for (const f of form.fields) {
    const common = {
      id: f.id,
      label: f.label,
      isRequired: !f.optional,
      errorMessage: `${f.label} is required`,
    };
    if (f.kind === "choice") {
      body.push({
        type: "Input.ChoiceSet",
        ...common,
        style: "expanded",
        choices: (f.options ?? []).map((o) => ({ title: o.label, value: o.value })),
        ...(f.initial ? { value: f.initial } : {}),
      });
    } else {
      body.push({
        type: "Input.Text",
        ...common,
        isMultiline: f.kind === "paragraph",
        ...(f.maxLength ? { maxLength: f.maxLength } : {}),
        ...(f.placeholder ? { placeholder: f.placeholder } : {}),
        ...(f.initial ? { value: f.initial } : {}),
      });
    }
  }
  return {
    body,
    actions: [
      {
        type: "Action.Execute",
        title: form.submitLabel,
        verb: FORM_VERB,
        style: "positive",
        data: { formId: form.formId, ...(form.state ? { state: form.state } : {}) },
      },
    ],
  };
}

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: string;
  body: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
  refresh?: { action: Record<string, unknown>; userIds: string[] };
}

/**
 * A neutral reply as an Adaptive Card; buttons are Action.Execute whose verb is the core's action id.
 * With `refreshUserIds` (the MRIs of at most 60 members), a reply that has a personal view gets a
 * `refresh`: each of those people's Teams asks for their own card (that action id) and shows it
 * instead of the shared one.
 */
/** A reply's text as shown: a refusal or warning keeps its ⚠️ mark, on cards and in plain messages. */
export function headline(reply: Pick<Reply, "text" | "tone">): string {
  return (reply.tone === "warning" ? "⚠️ " : "") + cardMarkdown(reply.text);
}

export function renderCard(reply: Reply, refreshUserIds?: string[] | null): AdaptiveCard {
  const fits = (card: AdaptiveCard) =>
    activityBytes({ type: "message", text: reply.text, attachments: [{ content: card }] }) <=
    MAX_TEAMS_MESSAGE_BYTES;
  const full = drawCard(reply, refreshUserIds, false);
  if (fits(full)) return full;
  const compact = drawCard(reply, refreshUserIds, true);
  if (fits(compact)) return compact;
  // Still too large: the last sections give way to a line saying how many are left out.
  const sections = reply.sections ?? [];
  for (let kept = sections.length - 1; kept >= 0; kept--) {
    const left = sections.length - kept;
    const cut = drawCard(
      {
        ...reply,
        sections: [
          ...sections.slice(0, kept),
          {
            text: `… and ${left} more ${left === 1 ? "part" : "parts"} not shown here: too long for one Teams message.`,
          },
        ],
      },
      refreshUserIds,
      true,
    );
    if (fits(cut)) return cut;
  }
  return compact;
}

/** A reply's card as sent, in bytes, drawn in full (no compaction): what packing a poll measures. */
export function fullCardBytes(reply: Reply): number {
  return activityBytes({
    type: "message",
    text: reply.text,
    attachments: [{ content: drawCard(reply, null, false) }],
  });
}

function drawCard(reply: Reply, refreshUserIds: string[] | null | undefined, compact: boolean): AdaptiveCard {
  const body: Record<string, unknown>[] = [
    {
      type: "TextBlock",
      text: headline(reply),
      wrap: true,
      weight: "Bolder",
      ...(reply.tone === "warning" ? { color: "Warning" } : {}),
    },
  ];
  for (const s of reply.sections ?? []) {
    if (s.title)
      body.push({ type: "TextBlock", text: s.title, wrap: true, weight: "Bolder", spacing: "Medium" });
    if (s.fields?.length)
      body.push({ type: "FactSet", facts: s.fields.map((f) => ({ title: f.label, value: f.value })) });
    if (s.text) body.push({ type: "TextBlock", text: cardMarkdown(s.text), wrap: true });
    if (s.grid) body.push(compact ? gridLines(s.grid) : table(s.grid));
  }
  // A labelled row of buttons (one factor's L / M / H): the label beside its own action set.
  for (const row of reply.rows ?? []) {
    body.push({
      type: "ColumnSet",
      columns: [
        {
          type: "Column",
          width: "stretch",
          verticalContentAlignment: "Center",
          items: [{ type: "TextBlock", text: row.label, wrap: true }],
        },
        {
          type: "Column",
          width: "auto",
          // Teams shows at most 5 actions in a set (more go under "…"): longer rows are stacked sets.
          items: chunks(row.buttons, TEAMS_ACTIONS_PER_SET).map((set) => ({
            type: "ActionSet",
            actions: set.map(execute),
          })),
        },
      ],
    });
  }
  const form = reply.form ? formBody(reply.form) : undefined;
  if (form) body.push(...form.body);
  const card: AdaptiveCard = {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: CARD_VERSION,
    body,
  };
  const actions = [...(reply.buttons ?? []).map(execute), ...(form?.actions ?? [])];
  if (actions.length) card.actions = actions;
  if (reply.personalView && refreshUserIds?.length && refreshUserIds.length <= MAX_REFRESH_USERS) {
    card.refresh = {
      action: {
        type: "Action.Execute",
        title: "Refresh",
        verb: reply.personalView,
        data: { actionId: reply.personalView },
      },
      userIds: refreshUserIds,
    };
  }
  return card;
}

export function cardAttachment(reply: Reply, refreshUserIds?: string[] | null): Attachment {
  return {
    contentType: "application/vnd.microsoft.card.adaptive",
    content: renderCard(reply, refreshUserIds),
  };
}
