import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Core } from "../core/agenda.js";
import { renderPollCards } from "../core/poll-cards.js";
import type { PollView } from "../core/poll-types.js";
import type { Poster } from "../core/relay.js";
import type { Actor, Button, Channel, Reply, TimerEvent } from "../core/types.js";
import { numberedButtons, renderText } from "./render.js";

export interface ConsoleSession {
  poster: Poster;
  /** Resolves when the input ends or the user types /quit. */
  done: Promise<void>;
}

/**
 * A terminal chat on the same core as Slack and Teams: `/agenda …` lines in, replies and timer
 * messages out. Typing a button's number presses it.
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
  let buttons: Button[] = [];
  let seq = 0;
  // The API takes a repeated event id for a retry of the same action, so ids must differ between
  // terminals (and between runs), not only within one: a random id per session, then a counter.
  const sessionId = randomUUID();
  let events = 0;
  const stamp = () => clock().toTimeString().slice(0, 5);
  const write = (text: string) => output.write(`${text}\n`);

  // Numbers press the buttons of the latest message that had any.
  function show(reply: Reply, indent = "") {
    const numbered = numberedButtons(reply);
    if (numbered.length) buttons = numbered;
    write(renderText(reply, { indent }));
  }

  const poster: Poster = {
    async post(event: TimerEvent, message: Reply) {
      const threaded = event.kind !== "started";
      write(
        `${threaded ? "   ↳ " : "\n"}[${stamp()}] ${renderText(message, { indent: threaded ? "     " : "" }).trimStart()}`,
      );
      const numbered = numberedButtons(message);
      if (numbered.length) buttons = numbered;
      return { console: true, seq: ++seq };
    },
    /** A poll's cards one after the other, their buttons numbered on from card to card. */
    async postPoll(_event: TimerEvent, poll: PollView) {
      const all: Button[] = [];
      for (const card of renderPollCards(poll)) {
        write(
          `   ↳ [${stamp()}] ${renderText(card.reply, { indent: "     ", buttonOffset: all.length + 1 }).trimStart()}`,
        );
        all.push(...numberedButtons(card.reply));
      }
      if (all.length) buttons = all;
      return { console: true, seq: ++seq };
    },
  };

  const rl = createInterface({ input: opts.input, terminal: false });
  let queue = Promise.resolve();
  // Lines are handled in order; the session ends once the last one is answered.
  const done = new Promise<void>((resolve) => {
    rl.on("close", () => void queue.then(resolve));
  });
  rl.on("line", (raw) => {
    queue = queue.then(async () => {
      const line = raw.trim();
      if (!line) return;
      if (line === "/quit" || line === "/exit") {
        rl.close();
        return;
      }
      const ctx = { actor, channel, eventId: `console:${sessionId}:${++events}` };
      try {
        if (/^\d+$/.test(line)) {
          const button = buttons[Number(line) - 1];
          if (!button) {
            write(`No button ${line} on the last message.`);
            return;
          }
          const reply = await core.handleAction(button.actionId, ctx);
          if (reply) show(reply, "  ");
        } else if (line.startsWith("/agenda")) {
          show(await core.handleCommand(line, ctx), "  ");
        } else if (line.startsWith("/plan")) {
          show(await core.handlePlanCommand(line, ctx), "  ");
        } else if (line.startsWith("/capture")) {
          show(await core.handleCaptureCommand(line, ctx), "  ");
        } else if (line.startsWith("/feedback")) {
          show(await core.handleFeedbackCommand(line, ctx), "  ");
        } else {
          write(
            "  Type /agenda help, /plan help or /capture help for the commands, a button's number to press it, or /quit.",
          );
        }
      } catch (err) {
        write(`  ⚠ ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  });
  return { poster, done };
}
