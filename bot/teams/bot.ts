import {
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationReference,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  TeamsActivityHandler,
  type TurnContext,
} from "botbuilder";
import { Parser } from "htmlparser2";
import { decodePollView } from "../core/action-ids.js";
import type { Core } from "../core/core.js";
import type { PollView } from "../core/poll-types.js";
import type { ChatContext, FormResult, Reply } from "../core/types.js";
import { asTeamsPollRef, pollPartReply, withPartRefresh } from "./poll-parts.js";
import { type AdaptiveCard, cardAttachment, FORM_VERB, headline, renderCard } from "./render.js";
import { RosterCache } from "./roster.js";

/** Text with the bot's @mention removed: "<at>Baton</at> agenda next" → "agenda next". */
export function commandText(activity: Partial<Activity>): string {
  let text = activity.text ?? "";
  for (const m of activity.entities ?? []) {
    const mentioned = (m as { mentioned?: { id?: string }; text?: string }).mentioned;
    if (m.type === "mention" && mentioned?.id === activity.recipient?.id) {
      text = text.replace((m as { text?: string }).text ?? "", "");
    }
  }
  return text
    .replace(/<at>[^<]*<\/at>/g, "")
    .replace(/&nbsp;/g, " ")
    .trim();
}

export function chatContext(
  activity: Partial<Activity>,
  reference: Partial<ConversationReference>,
): ChatContext {
  const tenant =
    activity.conversation?.tenantId ??
    (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return {
    actor: {
      platform: "teams",
      userId: activity.from?.aadObjectId ?? activity.from?.id ?? "unknown",
      displayName: activity.from?.name ?? "",
      ...(tenant ? { workspaceId: tenant } : {}),
    },
    channel: {
      platform: "teams",
      // A channel thread's id carries ";messageid=…"; the channel itself is what follows the workshop.
      channelId: (activity.conversation?.id ?? "").split(";")[0] ?? "",
      conversationRef: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    },
    ...(activity.id ? { eventId: `teams:${activity.conversation?.id ?? ""}:${activity.id}` } : {}),
  };
}

/** The message action's command id (the manifest's composeExtensions): "Capture as line item". */
export const CAPTURE_MESSAGE_ACTION = "captureLineItem";

/** A Teams message body as plain text: tags dropped, entities decoded, paragraphs and breaks as new lines. */
export function messageText(content: string, contentType?: string): string {
  if (contentType && contentType !== "html") return content.trim();
  let text = "";
  const parser = new Parser(
    {
      ontext: (t) => {
        text += t;
      },
      onopentag: (name) => {
        if (name === "br") text += "\n";
      },
      onclosetag: (name) => {
        if (name === "p" || name === "div" || name === "li") text += "\n";
      },
    },
    { decodeEntities: true },
  );
  parser.write(content);
  parser.end();
  return text
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export interface TeamsBotOptions {
  /** The conversations' rosters, for per-user poll cards (shared with the poster). */
  roster?: RosterCache;
}

/**
 * The Teams bot: only parsing and rendering. `agenda next`, `/agenda next` or `@Baton agenda next`
 * go to the same core commands as Slack's; replies are Adaptive Cards; card buttons are
 * Action.Execute invokes answered within Teams' limit with a message to the person who clicked, or
 * on a poll with that person's own card (see docs/teams.md, per-user views).
 */
export class BatonTeamsBot extends TeamsActivityHandler {
  private readonly roster: RosterCache;

  constructor(
    private readonly core: Core,
    private readonly getReference: (context: TurnContext) => Partial<ConversationReference>,
    options: TeamsBotOptions = {},
  ) {
    super();
    this.roster = options.roster ?? new RosterCache();
    this.onMessage(async (context, next) => {
      const reply = await this.handleText(context);
      if (reply) await context.sendActivity({ attachments: [cardAttachment(reply)], text: reply.text });
      await next();
    });
  }

  private async handleText(context: TurnContext): Promise<Reply | null> {
    const ctx = chatContext(context.activity, this.getReference(context));
    const reply = this.core.line(commandText(context.activity), ctx);
    if (reply) return reply;
    return {
      visibility: "ephemeral",
      text: `Hi! I run the workshop. Try ${this.core.registry.commands.map((c) => `\`${c.name} help\``).join(", ")}.`,
    };
  }

  /** Universal Actions: `adaptiveCard/action` invokes carrying a core action id as their verb. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const data = (invokeValue.action?.data ?? {}) as Record<string, unknown>;
    const ctx = chatContext(context.activity, this.getReference(context));
    if (typeof data.formId === "string") return this.submitForm(data, ctx);
    const actionId = typeof data.actionId === "string" ? data.actionId : (invokeValue.action?.verb ?? "");
    // A large poll is several messages: a refresh names its part's cards, and gets that part back.
    const viewed = decodePollView(actionId);
    if (viewed && typeof data.cards === "string") {
      const part = await this.personalPart(viewed.pollId, data.cards.split(","), ctx, context);
      if (part) return part;
    }
    const reply = await this.core.handleAction(actionId, ctx);
    if (!reply) {
      return {
        statusCode: 400,
        type: "application/vnd.microsoft.error",
        value: { code: "BadRequest", message: "Unknown action" },
      };
    }
    if (reply.form) return card(renderCard(reply));
    // A poll's own view, asked for by a card's refresh: that person's card, refreshing on.
    if (reply.personalView === actionId) return card(renderCard(reply, await this.roster.audience(context)));
    const audience = reply.personalView || reply.refreshPoll ? await this.roster.audience(context) : null;
    // A vote changed the poll: the shared card is redrawn in place for everyone (blind polls show who
    // voted, not tallies, until the reveal), keeping its refresh so that each of up to 60 members then
    // gets their own view; meanwhile the clicker's own card is drawn to answer the click. Without
    // per-user views (no roster, or more than 60), the clicker gets a confirmation message instead.
    const pollId = reply.refreshPoll ?? decodePollView(reply.personalView ?? "")?.pollId;
    // The poll as the room sees it: to redraw the shared card, and to know which part was clicked.
    const room = pollId && context.activity.replyToId ? await this.roomPoll(pollId) : null;
    const part = room ? partOf(room, context.activity.replyToId) : null;
    const [, personal] = await Promise.all([
      reply.refreshPoll && room ? this.redrawPoll(context, room, audience, part) : undefined,
      reply.personalView && audience && reply.tone !== "warning"
        ? part && pollId
          ? this.personalPart(pollId, part, ctx, context)
          : this.core.handleAction(reply.personalView, ctx)
        : null,
    ]);
    if (personal && "statusCode" in personal) return personal;
    if (personal && personal.tone !== "warning") return card(renderCard(personal, audience));
    // A message shown only to the person who clicked (Teams' nearest thing to an ephemeral reply).
    return message({ ...reply, text: reply.text || "Done." });
  }

  /** A form's submission (an Action.Execute card's or a task module's data) through the core. */
  private async submission(data: Record<string, unknown>, ctx: ChatContext): Promise<FormResult | null> {
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(data)) {
      if (k !== "formId" && k !== "state" && k !== "actionId" && typeof v === "string") values[k] = v;
    }
    return this.core.handleSubmit(
      {
        formId: String(data.formId),
        values,
        ...(typeof data.state === "string" ? { state: data.state } : {}),
      },
      ctx,
    );
  }

  private async submitForm(
    data: Record<string, unknown>,
    ctx: ChatContext,
  ): Promise<AdaptiveCardInvokeResponse> {
    const result = await this.submission(data, ctx);
    if (!result) return message({ text: NOT_OURS });
    if (!result.ok) return message({ text: problems(result), tone: "warning" });
    return message(result.reply);
  }

  /**
   * "Capture as line item" on a message (⋯ → More actions): the capture form in a task module, with the
   * message's text filled in and a link kept to it — as Slack's message shortcut.
   */
  protected override async handleTeamsMessagingExtensionFetchTask(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== CAPTURE_MESSAGE_ACTION) return taskMessage("Baton does not know that action.");
    const ctx = chatContext(context.activity, this.getReference(context));
    const payload = action.messagePayload;
    const author = payload?.from?.user?.id;
    const reply = await this.core.captureFromMessage(
      {
        platform: "teams",
        text: messageText(payload?.body?.content ?? "", payload?.body?.contentType),
        channelId: ctx.channel.channelId,
        messageRef: payload?.id ?? "",
        ...(payload?.linkToMessage ? { url: payload.linkToMessage } : {}),
        ...(author ? { author: `teams:${author}` } : {}),
      },
      ctx,
    );
    if (!reply.form) return taskMessage(headline(reply));
    return {
      task: {
        type: "continue",
        value: {
          title: reply.form.title,
          height: "medium",
          width: "medium",
          card: {
            contentType: "application/vnd.microsoft.card.adaptive",
            content: taskCard(renderCard(reply)),
          },
        },
      },
    };
  }

  /** The task module's form submitted: the item is captured and the room told in the message's thread. */
  protected override async handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    const data = (action.data ?? {}) as Record<string, unknown>;
    if (typeof data.formId !== "string") return taskMessage(NOT_OURS);
    const ctx = chatContext(context.activity, this.getReference(context));
    const result = await this.submission(data, ctx);
    if (!result) return taskMessage(NOT_OURS);
    if (!result.ok) return taskMessage(headline({ text: problems(result), tone: "warning" }));
    if (result.reply.visibility !== "channel") return taskMessage(headline(result.reply));
    await context.sendActivity({ attachments: [cardAttachment(result.reply)], text: result.reply.text });
    return {};
  }

  private async roomPoll(pollId: string): Promise<PollView | null> {
    try {
      return await this.core.api.getPoll(pollId);
    } catch {
      return null; // the vote is recorded either way; the card catches up with the next vote
    }
  }

  /** One part of a large poll as this person sees it (their ✓ marks, tallies if they may), refreshing on. */
  private async personalPart(
    pollId: string,
    cards: string[],
    ctx: ChatContext,
    context: TurnContext,
  ): Promise<AdaptiveCardInvokeResponse | null> {
    let poll: PollView;
    try {
      poll = await this.core.api.getPoll(pollId, ctx.actor);
    } catch {
      return null;
    }
    const reply = pollPartReply(poll, cards, { personal: true });
    return card(withPartRefresh(renderCard(reply, await this.roster.audience(context)), cards));
  }

  private async redrawPoll(
    context: TurnContext,
    poll: PollView,
    audience: string[] | null,
    part: string[] | null,
  ): Promise<void> {
    try {
      const shared = pollPartReply(poll, part);
      await context.updateActivity({
        id: context.activity.replyToId,
        type: "message",
        attachments: [
          {
            contentType: "application/vnd.microsoft.card.adaptive",
            content: withPartRefresh(renderCard(shared, audience), part),
          },
        ],
        text: shared.text,
      });
    } catch {
      // The vote is recorded either way; the card catches up with the next vote.
    }
  }
}

const NOT_OURS = "That form is no longer Baton's to answer.";

/** A form's refusals, one per field: "text: cannot be empty; priority: …". */
function problems(result: Extract<FormResult, { ok: false }>): string {
  return Object.entries(result.errors)
    .map(([field, e]) => `${field}: ${e}`)
    .join("; ");
}

/** A task module closing with a message box. */
function taskMessage(text: string): MessagingExtensionActionResponse {
  return { task: { type: "message", value: text } };
}

/**
 * A form card for a task module: task modules submit with Action.Submit (they do not run Universal
 * Actions), so the form's Action.Execute becomes an Action.Submit carrying the same data.
 */
function taskCard(card: AdaptiveCard): AdaptiveCard {
  return {
    ...card,
    ...(card.actions
      ? {
          actions: card.actions.map((a) =>
            a.verb === FORM_VERB ? { type: "Action.Submit", title: a.title, data: a.data } : a,
          ),
        }
      : {}),
  };
}

/**
 * The cards of the poll message a click came from, when the poll is several messages (null: it is
 * one message, or the click came from elsewhere).
 */
function partOf(poll: PollView, replyToId: string | undefined): string[] | null {
  for (const m of poll.messages) {
    const ref = m.platform === "teams" ? asTeamsPollRef(m.ref) : null;
    const part = ref?.parts?.find((p) => p.activityId === replyToId);
    if (part) return part.cards;
  }
  return null;
}

/** A card that replaces, for the person who clicked (or whose Teams refreshed it), the one they saw. */
function card(value: AdaptiveCard): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: "application/vnd.microsoft.card.adaptive",
    value: value as unknown as Record<string, unknown>,
  };
}

/**
 * A message shown only to the person who clicked. The protocol's value is the string itself;
 * botbuilder types every value as an object.
 */
function message(reply: Pick<Reply, "text" | "tone">): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: "application/vnd.microsoft.activity.message",
    value: headline(reply) as unknown as Record<string, unknown>,
  };
}
