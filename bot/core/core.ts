import { ApiError, type BatonApi } from "./api.js";
import { createCapture, type SourceMessage } from "./capture.js";
import { NOT_BOUND } from "./commands/help.js";
import { createDoraSurvey } from "./dora-survey.js";
import { REGISTRY } from "./entries.js";
import { createFeedback } from "./feedback.js";
import { warning } from "./messages.js";
import { type CoreServices, checkRegistry, prefixOf, type Registry } from "./registry.js";
import type { ChatContext, FormResult, FormSubmission, Reply } from "./types.js";
import { createVoting } from "./votes.js";

export interface CoreDeps {
  api: BatonApi;
  now?: () => Date;
  /** Called after the agenda changed, so a relay can post the news at once instead of at its next poll. */
  onAgendaChanged?: () => void;
  /** Time zone for workshops created from chat when the platform does not tell the user's. */
  defaultTimezone?: string;
  /** The commands, actions and forms (default: all of Baton's, `REGISTRY`). */
  registry?: Registry;
}

const REFUSED_ELSEWHERE =
  "This card belongs to a workshop this channel does not follow, so it can't change anything here.";

/**
 * The facilitation core: every command, click and form submission from any chat comes in here and
 * goes to its entry in the registry (bot/core/entries.ts). No platform code here.
 */
export function createCore(deps: CoreDeps) {
  const registry = deps.registry ?? REGISTRY;
  checkRegistry(registry);
  const services: CoreServices = {
    api: deps.api,
    now: deps.now ?? (() => new Date()),
    defaultTimezone: deps.defaultTimezone,
    changed: () => deps.onAgendaChanged?.(),
    boundWorkshop: (ctx) => deps.api.getBinding(ctx.channel),
    voting: createVoting({ api: deps.api, onAgendaChanged: deps.onAgendaChanged }),
    feedback: createFeedback({ api: deps.api }),
    capture: createCapture({ api: deps.api }),
    dora: createDoraSurvey({ api: deps.api }),
    registry,
  };
  const commands = new Map(registry.commands.map((c) => [c.name, c]));
  const actions = new Map(registry.actions.map((a) => [a.prefix, a]));
  const forms = new Map(registry.forms.map((f) => [f.prefix, f]));

  /** Refusals from the API (not a facilitator, nothing to resume, …) come back as polite warnings. */
  async function safely<T>(fn: () => Promise<T>, refused: (message: string) => T): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ApiError && err.status < 500) return refused(err.message);
      throw err;
    }
  }

  /** Whether the channel follows the workshop a button or form names (none named: yes). */
  async function sameWorkshop(ctx: ChatContext, workshopId: string | undefined): Promise<boolean> {
    if (!workshopId) return true;
    const bound = await services.boundWorkshop(ctx);
    return bound?.id === workshopId;
  }

  function command(name: string, text: string, ctx: ChatContext): Promise<Reply> {
    const key = name.replace(/^\//, "").toLowerCase();
    const entry = commands.get(key);
    if (!entry) {
      return Promise.resolve(
        warning(
          `I don't know \`/${key}\`. The commands are ${registry.commands.map((c) => `\`/${c.name}\``).join(", ")}; \`/agenda help\` says more.`,
        ),
      );
    }
    // The text may still start with the command itself ("/plan show" typed whole).
    const rest = text.trim().replace(new RegExp(`^/?${key}\\b\\s*`, "i"), "");
    return safely(() => entry.run(ctx, rest, services), warning);
  }

  return {
    /** The API the core talks to (adapters read poll state through it to refresh shared cards). */
    api: deps.api,
    /** The table the core routes by (the scenario tests press every kind it lists). */
    registry,
    /** A slash command by name (`agenda`, `/agenda`) with the text after it. */
    command,
    /**
     * A whole line as typed in Teams or the terminal: `/agenda next` or `agenda next`. Null when it
     * does not start with a command's name (the adapter says how to get help).
     */
    line(text: string, ctx: ChatContext): Promise<Reply> | null {
      const m = /^\/?([a-z][a-z0-9-]*)\b\s*([\s\S]*)$/i.exec(text.trim());
      const name = m?.[1]?.toLowerCase() ?? "";
      if (!m || (!commands.has(name) && !text.trim().startsWith("/"))) return null;
      return command(name, m[2] ?? "", ctx);
    },
    /** A button click; null when the action id is not one Baton made. */
    async handleAction(actionId: string, ctx: ChatContext): Promise<Reply | null> {
      const entry = actions.get(prefixOf(actionId));
      const decoded = entry?.decode(actionId);
      if (!entry || decoded === null || decoded === undefined) return null;
      return safely(async () => {
        if (!(await sameWorkshop(ctx, entry.workshopOf?.(decoded)))) return warning(REFUSED_ELSEWHERE);
        return entry.run(ctx, decoded, services);
      }, warning);
    },
    /** A form sent back (a Slack modal, a Teams card's inputs, the terminal's answers); null when not Baton's. */
    async handleSubmit(submission: FormSubmission, ctx: ChatContext): Promise<FormResult | null> {
      const entry = forms.get(prefixOf(submission.formId));
      if (!entry) return null;
      return safely(
        async (): Promise<FormResult> => {
          if (!(await sameWorkshop(ctx, entry.workshopOf?.(submission.formId))))
            return { ok: true, reply: warning(REFUSED_ELSEWHERE) };
          return entry.submit(ctx, submission, services);
        },
        (message) => ({ ok: true, reply: warning(message) }),
      );
    },
    /** A message shortcut: the capture form with the message's text, keeping a link to it. */
    captureFromMessage(message: SourceMessage, ctx: ChatContext): Promise<Reply> {
      return safely(async () => {
        const workshop = await services.boundWorkshop(ctx);
        if (!workshop) return warning(NOT_BOUND);
        return services.capture.form(workshop.id, message);
      }, warning);
    },
  };
}

export type Core = ReturnType<typeof createCore>;
