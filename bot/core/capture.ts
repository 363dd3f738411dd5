import { ApiError, type BatonApi } from "./api.js";
import { CAPTURE_HELP, LINE_ITEM_KINDS, ownerName, parseCaptureCommand } from "./capture-command.js";
import { warning } from "./messages.js";
import type { LineItemKind, LineItemView, NewLineItem, Priority } from "./poll-types.js";
import type { ChatContext, Form, FormResult, Reply, WorkshopSummary } from "./types.js";

/** A chat message a line item is captured from (a Slack message shortcut, a Teams message action). */
export interface SourceMessage {
  platform: "slack" | "teams" | "console";
  text: string;
  channelId: string;
  messageRef: string;
  url?: string;
  /** Who wrote it, `slack:U123`. */
  author?: string;
}

const ARTICLE: Record<LineItemKind, string> = {
  requirement: "a requirement",
  assumption: "an assumption",
  risk: "a risk",
  decision: "a decision",
  gap: "a gap",
  issue: "an issue",
  dependency: "a dependency",
};

/** The API's field names in the words the chat uses for them. */
const FIELD_WORDS: Record<string, string> = {
  by: "the due date (`by:`)",
  owner: "the owner (`owner:`)",
  text: "the text",
  priority: "the priority",
  timeframe: "the timeframe",
  kind: "the kind",
  likelihood: "the likelihood",
  impact: "the impact",
};

/**
 * Line items from chat: `/capture <kind> <text>`, the capture form (`/capture` alone, or the message
 * shortcut with the message's text filled in and a link kept to it). Form id: `cap:<workshopId>`.
 */
export function createCapture(deps: { api: BatonApi }) {
  const { api } = deps;

  function announce(ctx: ChatContext, item: LineItemView, fromMessage: boolean): Reply {
    const extras = [
      item.priority ? `${item.priority} priority` : "",
      item.timeframe ?? "",
      item.owner ? `owner ${item.owner}` : "",
      item.dueDate ? `due ${item.dueDate}` : "",
    ].filter(Boolean);
    return {
      visibility: "channel",
      text: `📝 ${ctx.actor.displayName || ctx.actor.userId} captured ${ARTICLE[item.kind]}${fromMessage ? " from a message" : ""}: "${item.text}"${extras.length ? ` (${extras.join(", ")})` : ""}.${item.overdue ? " ⚠ That due date has already passed." : ""}`,
    };
  }

  /** Creates the item; a refusal naming fields comes back in words, per field (`by` → the due date). */
  async function create(
    workshopId: string,
    item: NewLineItem & { actor: ChatContext["actor"] },
    ctx: ChatContext,
  ): Promise<{ ok: true; item: LineItemView } | { ok: false; fields: Record<string, string> }> {
    try {
      return { ok: true, item: await api.createLineItem(workshopId, item, ctx.eventId) };
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 400 || err.details.length === 0) throw err;
      const fields: Record<string, string> = {};
      for (const d of err.details) {
        const root = d.path.split(".")[0] ?? d.path;
        const field = root === "dueDate" ? "by" : root;
        fields[field] = fields[field] ? `${fields[field]}; ${d.message}` : d.message;
      }
      return { ok: false, fields };
    }
  }

  function form(workshopId: string, initial?: SourceMessage): Reply {
    const fields: Form["fields"] = [
      {
        id: "kind",
        label: "Kind",
        kind: "choice",
        initial: "requirement",
        options: LINE_ITEM_KINDS.map((k) => ({ value: k, label: k[0]?.toUpperCase() + k.slice(1) })),
      },
      {
        id: "text",
        label: "Text",
        kind: "paragraph",
        maxLength: 2000,
        ...(initial?.text ? { initial: initial.text.slice(0, 2000) } : {}),
      },
      {
        id: "priority",
        label: "Priority",
        kind: "choice",
        optional: true,
        options: [
          { value: "high", label: "High" },
          { value: "medium", label: "Medium" },
          { value: "low", label: "Low" },
        ],
      },
      {
        id: "timeframe",
        label: "Timeframe",
        kind: "text",
        optional: true,
        maxLength: 100,
        placeholder: "Q3 2026, before go-live, …",
      },
      {
        id: "owner",
        label: "Owner",
        kind: "text",
        optional: true,
        maxLength: 200,
        placeholder: "Priya, Platform team, …",
      },
      {
        id: "by",
        label: "Due by",
        kind: "text",
        optional: true,
        maxLength: 100,
        placeholder: "2026-12-20, friday, end of April, …",
      },
    ];
    const source: NewLineItem["source"] | undefined = initial
      ? {
          platform: initial.platform,
          channelId: initial.channelId,
          messageRef: initial.messageRef,
          ...(initial.url ? { url: initial.url } : {}),
          ...(initial.author ? { author: initial.author } : {}),
        }
      : undefined;
    return {
      visibility: "ephemeral",
      text: "Capture a line item",
      form: {
        formId: `cap:${workshopId}`,
        title: "Capture a line item",
        submitLabel: "Capture",
        intro: initial
          ? "From a message; the item keeps a link to it."
          : "It is captured in the running session.",
        fields,
        ...(source ? { state: JSON.stringify(source) } : {}),
      },
    };
  }

  async function command(text: string, ctx: ChatContext, workshop: WorkshopSummary): Promise<Reply> {
    const cmd = parseCaptureCommand(text);
    if (cmd.kind === "help")
      return {
        visibility: "ephemeral",
        text: "Capture line items from here:",
        sections: [{ text: CAPTURE_HELP.join("\n") }],
      };
    if (cmd.kind === "error") return warning(cmd.message);
    if (cmd.kind === "form") return form(workshop.id);
    const created = await create(workshop.id, { ...cmd.item, actor: ctx.actor }, ctx);
    if (!created.ok)
      return warning(
        `Not captured: ${Object.entries(created.fields)
          .map(([field, message]) => `${FIELD_WORDS[field] ?? field} — ${message}`)
          .join("; ")}.`,
      );
    return announce(ctx, created.item, false);
  }

  async function submit(
    formId: string,
    values: Record<string, string>,
    state: string | undefined,
    ctx: ChatContext,
  ): Promise<FormResult> {
    const workshopId = formId.slice("cap:".length);
    const kind = values.kind as LineItemKind;
    const text = (values.text ?? "").trim();
    const errors: Record<string, string> = {};
    if (!LINE_ITEM_KINDS.includes(kind)) errors.kind = "Choose a kind.";
    if (text === "") errors.text = "What is it? Write a sentence.";
    if (Object.keys(errors).length) return { ok: false, errors };
    let source: NewLineItem["source"] | undefined;
    try {
      source = state ? (JSON.parse(state) as NewLineItem["source"]) : undefined;
    } catch {
      source = undefined;
    }
    const priority = ["high", "medium", "low"].includes(values.priority ?? "")
      ? (values.priority as Priority)
      : undefined;
    const timeframe = (values.timeframe ?? "").trim().slice(0, 100);
    const owner = ownerName(values.owner ?? "").slice(0, 200);
    const by = (values.by ?? "").trim().slice(0, 100);
    const created = await create(
      workshopId,
      {
        kind,
        text,
        ...(priority ? { priority } : {}),
        ...(timeframe ? { timeframe } : {}),
        ...(owner ? { owner } : {}),
        ...(by ? { by } : {}),
        ...(source ? { source } : {}),
        actor: ctx.actor,
      },
      ctx,
    );
    if (!created.ok) {
      // Each refusal beside its field; one the form has no field for goes under the text.
      const known = new Set(["kind", "text", "priority", "timeframe", "owner", "by"]);
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(created.fields)) {
        const at = known.has(field) ? field : "text";
        const line = `${FIELD_WORDS[field] ?? field}: ${message}`;
        errors[at] = errors[at] ? `${errors[at]}; ${line}` : line;
      }
      return { ok: false, errors };
    }
    return { ok: true, reply: announce(ctx, created.item, Boolean(source)) };
  }

  return { command, form, submit };
}
