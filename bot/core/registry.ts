import type { BatonApi } from "./api.js";
import type { createCapture } from "./capture.js";
import type { createDoraSurvey } from "./dora-survey.js";
import type { createFeedback } from "./feedback.js";
import type { ChatContext, FormResult, FormSubmission, Reply, WorkshopSummary } from "./types.js";
import type { createVoting } from "./votes.js";

/**
 * The one table of what Baton answers in chat. Adapters (Slack, Teams, the terminal) forward every
 * command, button click and form submission to the core unfiltered; the core finds the entry here:
 * a command by its name, an action by the prefix of its id (`vote:…` → `vote`), a form by the prefix
 * of its form id (`cap:…` → `cap`). Help is generated from the commands, and the cross-transport
 * test presses one button of every action and submits every form listed here.
 */

/** What every entry may use: the API, the clock, the channel's workshop and the shared verbs. */
export interface CoreServices {
  api: BatonApi;
  now(): Date;
  /** Time zone for workshops created from chat when the platform does not tell the user's. */
  defaultTimezone: string | undefined;
  /** Say that the agenda or a poll changed, so the timer relay posts the news at once. */
  changed(): void;
  /** The workshop the channel follows, or null. */
  boundWorkshop(ctx: ChatContext): Promise<WorkshopSummary | null>;
  voting: ReturnType<typeof createVoting>;
  feedback: ReturnType<typeof createFeedback>;
  capture: ReturnType<typeof createCapture>;
  dora: ReturnType<typeof createDoraSurvey>;
  /** The table itself (the help lists its commands). */
  registry: Registry;
}

/** A slash command (`/agenda`, `/plan`, …): in Teams and the terminal, the same words typed. */
export interface ChatCommand {
  /** Lowercase, without the slash: `agenda`. */
  name: string;
  /** One line for the generated help: what the command is for. */
  summary: string;
  /** Its own help lines (`/plan help`), in the core's markup (`*bold*`, `` `code` ``). */
  help: readonly string[];
  /** `text` is what follows the command (`next` of `/agenda next`), trimmed. */
  run(ctx: ChatContext, text: string, core: CoreServices): Promise<Reply>;
}

/**
 * A kind of button: its action id is `<prefix>:…` (at most 255 characters, Slack's limit). `decode`
 * returns null for an id it does not accept, which the core answers as an unknown button.
 */
export interface ChatAction<T = unknown> {
  prefix: string;
  decode(actionId: string): T | null;
  /**
   * The workshop the decoded button names, if any. The core refuses the click unless the channel
   * follows that workshop, so a tampered card (a Teams Action.Execute's data comes from the client)
   * cannot act on another workshop.
   */
  workshopOf?(decoded: T): string | undefined;
  run(ctx: ChatContext, decoded: T, core: CoreServices): Promise<Reply>;
}

/** A kind of form (a Slack modal, a Teams card with inputs, the terminal's questions): form id `<prefix>:…`. */
export interface ChatForm {
  prefix: string;
  /** As for actions: the workshop the form id names, checked against the channel's. */
  workshopOf?(formId: string): string | undefined;
  submit(ctx: ChatContext, submission: FormSubmission, core: CoreServices): Promise<FormResult>;
}

/** An action entry whose decoded type is checked where it is written, and erased in the table. */
export function defineAction<T>(action: ChatAction<T>): ChatAction {
  return action as unknown as ChatAction;
}

export interface Registry {
  commands: readonly ChatCommand[];
  actions: readonly ChatAction[];
  forms: readonly ChatForm[];
}

/** The prefix of an action or form id: what comes before its first colon. */
export function prefixOf(id: string): string {
  const i = id.indexOf(":");
  return i < 0 ? id : id.slice(0, i);
}

/** Checks the table once, at start-up: names and prefixes unique and well formed. */
export function checkRegistry(registry: Registry): void {
  const seen = new Set<string>();
  const once = (what: string, key: string) => {
    if (!/^[a-z][a-z0-9-]*$/.test(key)) throw new Error(`chat registry: bad ${what} "${key}"`);
    if (seen.has(`${what}:${key}`)) throw new Error(`chat registry: ${what} "${key}" registered twice`);
    seen.add(`${what}:${key}`);
  };
  for (const c of registry.commands) once("command", c.name);
  for (const a of registry.actions) once("action", a.prefix);
  for (const f of registry.forms) once("form", f.prefix);
}
