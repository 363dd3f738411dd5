import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Core } from "../core/core.js";
import { postsInThread } from "../core/messages.js";
import { renderPollCards } from "../core/poll-cards.js";
import type { PollView } from "../core/poll-types.js";
import type { Poster } from "../core/relay.js";
import type {
  Actor,
  Button,
  Channel,
  ChatContext,
  Form,
  FormField,
  Reply,
  TimerEvent,
} from "../core/types.js";
import { chooseOption, renderFieldPrompt, renderText } from "./render.js";

export interface ConsoleSession {
  poster: Poster;
  /** Resolves when the input ends or the user types /quit. */
  done: Promise<void>;
  /**
   * Resolves once the session has read `lines` lines in all and waits for the next one (or has ended):
   * everything those lines asked for has been answered. For scripts and tests that type ahead.
   */
  idle(lines: number): Promise<void>;
}

/**
 * A terminal chat on the same core as Slack and Teams: `/agenda …` lines in, replies and timer
 * messages out. Typing a button's number presses it; a form (Slack's modal, Teams' card with inputs)
 * is asked field by field, one line each, and sent back the way those are.
 */
export function startConsoleSession(opts: {
  core: Core;
  input: Readable;
  output: Writable;
  actor: Actor;
  channel: Channel;
  clock?: () => Date;
}): ConsoleSession {
  const { core, output, actor, channel } = opts;
  const clock = opts.clock ?? (() => new Date());
  const stamp = () => clock().toTimeString().slice(0, 5);
  const write = (text: string) => output.write(`${text}\n`);

  // The API takes a repeated event id for a retry of the same action, so ids must differ between
  // terminals (and between runs), not only within one: a random id per session, then a counter.
  const sessionId = randomUUID();
  let events = 0;
  const context = (): ChatContext => ({ actor, channel, eventId: `console:${sessionId}:${++events}` });
  let posts = 0;

  // Every button shown takes the next number and keeps it for the whole session, so a number presses
  // the button printed beside it even when other messages with buttons arrived since.
  const pressable = new Map<number, Button>();
  const number = (button: Button) => {
    pressable.set(pressable.size + 1, button);
    return pressable.size;
  };

  // The question an open form is waiting on: asked again under a timer message that came in between.
  let asking: string | undefined;
  const announce = (text: string) => {
    write(text);
    if (asking) write(asking);
  };

  const poster: Poster = {
    async post(event: TimerEvent, message: Reply) {
      const threaded = postsInThread(event.kind);
      announce(
        `${threaded ? "   ↳ " : "\n"}[${stamp()}] ${renderText(message, { indent: threaded ? "     " : "", number }).trimStart()}`,
      );
      return { console: true, seq: ++posts };
    },
    /** A poll's cards one after the other, their buttons numbered on from card to card. */
    async postPoll(_event: TimerEvent, poll: PollView) {
      announce(
        renderPollCards(poll)
          .map(
            (card) => `   ↳ [${stamp()}] ${renderText(card.reply, { indent: "     ", number }).trimStart()}`,
          )
          .join("\n"),
      );
      return { console: true, seq: ++posts };
    },
  };

  const rl = createInterface({ input: opts.input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  let consumed = 0;
  let awaiting = false;
  let ended = false;
  const waiters: { lines: number; resolve: () => void }[] = [];
  const settle = () => {
    for (const w of [...waiters]) {
      if (ended || (awaiting && consumed >= w.lines)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  /** The next line typed (trimmed), or null once the input has ended. */
  const nextLine = async (): Promise<string | null> => {
    awaiting = true;
    settle();
    const next = await lines.next();
    awaiting = false;
    if (next.done) return null;
    consumed++;
    return String(next.value).trim();
  };
  let quitting = false;

  async function show(reply: Reply): Promise<void> {
    // A reply that only names its form ("Session feedback") is said by the form's own heading.
    const onlyTheForm = reply.form?.title === reply.text && !reply.sections && !reply.rows && !reply.buttons;
    if (!onlyTheForm) write(renderText(reply, { indent: "  ", number }));
    if (reply.form) await fill(reply.form);
  }

  /** Asks one field until the answer is acceptable; null when the person cancels or the input ends. */
  async function ask(field: FormField, initial: string | undefined): Promise<string | null> {
    asking = renderFieldPrompt(field, initial);
    write(asking);
    try {
      for (;;) {
        const typed = await nextLine();
        if (typed === null || typed === "/cancel" || typed === "/quit" || typed === "/exit") {
          quitting = typed !== "/cancel";
          return null;
        }
        let problem: string;
        if (typed.startsWith("/")) {
          problem = "A form is open: answer it first, or /cancel to close it.";
        } else if (typed === "") {
          if (initial !== undefined) return initial;
          if (field.optional) return "";
          problem = `${field.label} is needed.`;
        } else if (field.kind === "choice") {
          const value = chooseOption(field, typed);
          if (value !== undefined) return value;
          problem = `"${typed}" is not one of the choices.`;
        } else if (field.maxLength && typed.length > field.maxLength) {
          problem = `At most ${field.maxLength} characters (that was ${typed.length}).`;
        } else {
          return typed;
        }
        write(`  ⚠ ${problem}`);
        write(asking);
      }
    } finally {
      asking = undefined;
    }
  }

  /**
   * A form, field by field, then core.handleSubmit with its formId and state as Slack's modal and
   * Teams' card send them. A refused submission shows the errors and asks those fields again.
   */
  async function fill(form: Form): Promise<void> {
    write(`  ${form.title}${form.intro ? ` — ${form.intro}` : ""}`);
    write("  One answer per line; /cancel closes the form without sending it.");
    const values: Record<string, string> = {};
    let fields = form.fields;
    for (;;) {
      for (const field of fields) {
        const value = await ask(field, values[field.id] || field.initial);
        if (value === null) {
          write("  Form closed; nothing was sent.");
          return;
        }
        values[field.id] = value;
      }
      const result = await core.handleSubmit(
        { formId: form.formId, values, ...(form.state !== undefined ? { state: form.state } : {}) },
        context(),
      );
      if (!result) {
        write("  ⚠ That form is no longer Baton's to answer.");
        return;
      }
      if (result.ok) {
        await show(result.reply);
        return;
      }
      for (const [id, error] of Object.entries(result.errors))
        write(`  ⚠ ${form.fields.find((f) => f.id === id)?.label ?? id}: ${error}`);
      const wrong = form.fields.filter((f) => f.id in result.errors);
      fields = wrong.length ? wrong : form.fields;
    }
  }

  async function handle(line: string): Promise<void> {
    const ctx = context();
    if (/^\d+$/.test(line)) {
      const button = pressable.get(Number(line));
      if (!button) {
        write(`  No button ${line}: type the number shown beside a button.`);
        return;
      }
      const reply = await core.handleAction(button.actionId, ctx);
      if (reply) await show(reply);
    } else {
      const reply = core.line(line, ctx);
      if (reply) await show(await reply);
      else write("  Type /agenda help for the commands, a button's number to press it, or /quit to leave.");
    }
  }

  // Lines are handled one at a time, in order; a form being filled in reads the lines after its own.
  const done = (async () => {
    for (let line = await nextLine(); line !== null && !quitting; line = await nextLine()) {
      if (!line) continue;
      if (line === "/quit" || line === "/exit") break;
      try {
        await handle(line);
      } catch (err) {
        write(`  ⚠ ${err instanceof Error ? err.message : String(err)}`);
      }
      if (quitting) break;
    }
    rl.close();
  })().finally(() => {
    ended = true;
    settle();
  });
  const idle = (lines: number) =>
    new Promise<void>((resolve) => {
      waiters.push({ lines, resolve });
      settle();
    });
  return { poster, done, idle };
}
