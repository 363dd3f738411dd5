import type { BatonApi } from "./api.js";
import { CAPTURE_HELP, LINE_ITEM_KINDS, parseCaptureCommand } from "./capture-command.js";
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

/**
 * Line items from chat: `/capture <kind> <text>`, the capture form (`/capture` alone, or the message
 * shortcut with the message's text filled in and a link kept to it). Form id: `cap:<workshopId>`.
 */
export function createCapture(deps: { api: BatonApi }) {
  const { api } = deps;

  function announce(ctx: ChatContext, item: LineItemView, fromMessage: boolean): Reply {
    const extras = [item.priority ? `${item.priority} priority` : "", item.timeframe ?? ""].filter(Boolean);
    return {
      visibility: "channel",
      text: `📝 ${ctx.actor.displayName || ctx.actor.userId} captured ${ARTICLE[item.kind]}${fromMessage ? " from a message" : ""}: "${item.text}"${extras.length ? ` (${extras.join(", ")})` : ""}.`,
    };
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
    const item = await api.createLineItem(workshop.id, { ...cmd.item, actor: ctx.actor }, ctx.eventId);
    return announce(ctx, item, false);
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
    const item = await api.createLineItem(
      workshopId,
      {
        kind,
        text,
        ...(priority ? { priority } : {}),
        ...(timeframe ? { timeframe } : {}),
        ...(source ? { source } : {}),
        actor: ctx.actor,
      },
      ctx.eventId,
    );
    return { ok: true, reply: announce(ctx, item, Boolean(source)) };
  }

  return { command, form, submit };
}
