import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Core } from "../core/agenda.js";
import { renderPollCards } from "../core/poll-cards.js";
import type { PollView } from "../core/poll-types.js";
import type { Poster } from "../core/relay.js";
import type { Actor, Button, Channel, Reply, TimerEvent } from "../core/types.js";
import { renderText } from "./render.js";

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
  let seq = 0;
  // The API takes a repeated event id for a retry of the same action, so ids must differ between
  // terminals (and between runs), not only within one: a random id per session, then a counter.
  const sessionId = randomUUID();
  let events = 0;
  const stamp = () => clock().toTimeString().slice(0, 5);
  const write = (text: string) => output.write(`${text}\n`);

  // Every button shown takes the next number and keeps it for the whole session, so a number presses
  // the button printed beside it even when other messages with buttons arrived since.
  const pressable = new Map<number, Button>();
  const number = (button: Button) => {
    pressable.set(pressable.size + 1, button);
    return pressable.size;
  };

  function show(reply: Reply, indent = "") {
    write(renderText(reply, { indent, number }));
  }

  const poster: Poster = {
    async post(event: TimerEvent, message: Reply) {
      const threaded = event.kind !== "started";
      write(
        `${threaded ? "   ↳ " : "\n"}[${stamp()}] ${renderText(message, { indent: threaded ? "     " : "", number }).trimStart()}`,
      );
      return { console: true, seq: ++seq };
    },
    /** A poll's cards one after the other, their buttons numbered on from card to card. */
    async postPoll(_event: TimerEvent, poll: PollView) {
      for (const card of renderPollCards(poll)) {
        write(`   ↳ [${stamp()}] ${renderText(card.reply, { indent: "     ", number }).trimStart()}`);
      }
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
          const button = pressable.get(Number(line));
          if (!button) {
            write(`  No button ${line}: type the number shown beside a button.`);
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
