import type { AgendaActionName } from "./types.js";

export type AgendaCommand =
  | { verb: "start"; workshop?: string; demo: boolean }
  | { verb: Exclude<AgendaActionName, "start" | "extend"> }
  | { verb: "extend"; minutes: number }
  | { verb: "status" }
  | { verb: "review" }
  | { verb: "report" }
  | { verb: "poll"; args: string }
  | { verb: "help" }
  | { verb: "error"; message: string };

export const AGENDA_HELP = [
  "`/agenda start [workshop]` — bind this channel to a workshop (or create one from the two-day template) and start it",
  "`/agenda start demo` — a 6-minute demo agenda, to see the timers at work",
  "`/agenda next` — finish the current session and start the next",
  "`/agenda back` — reopen the previous session",
  "`/agenda pause` / `/agenda resume`",
  "`/agenda extend 5` — add minutes to the current session",
  "`/agenda skip` — skip the next session",
  "`/agenda status` — what runs now, time left, what comes next, and the outputs done and outstanding",
  "`/agenda review` — the day-2 review: every open assumption and risk with Validate / Invalidate / Defer (facilitators)",
  "`/agenda report` — the workshop's summary and a link to its report, web page and PDF (facilitators)",
  "`/agenda poll scorecard` — the L/M/H scorecard in this session's thread (also `relevance`, `choice`; `/agenda poll help`)",
];

const SIMPLE = new Set(["next", "back", "pause", "resume", "skip", "status", "review", "report", "help"]);
const ALIASES: Record<string, string> = {
  "+": "extend",
  more: "extend",
  prev: "back",
  previous: "back",
  stop: "pause",
  continue: "resume",
  "?": "help",
};

/** The text after `/agenda`, as a command. Anything it does not understand becomes an error with a hint. */
export function parseAgendaCommand(input: string): AgendaCommand {
  const text = input.trim().replace(/^\/agenda\b\s*/i, "");
  if (text === "") return { verb: "help" };
  // "+5" and "+5m" are shorthand for extend 5.
  const plus = /^\+\s*(\d+)\s*(m|min|mins|minutes)?$/i.exec(text);
  if (plus) return extend(plus[1] ?? "");
  const [rawVerb = "", ...rest] = text.split(/\s+/);
  const verb = ALIASES[rawVerb.toLowerCase()] ?? rawVerb.toLowerCase();
  const args = rest.join(" ");
  if (verb === "start") {
    const name = args.replace(/^["“](.*)["”]$/, "$1").trim();
    if (name.toLowerCase() === "demo") return { verb: "start", demo: true };
    return name ? { verb: "start", workshop: name, demo: false } : { verb: "start", demo: false };
  }
  if (verb === "extend") return extend(args);
  if (verb === "poll" || verb === "vote") return { verb: "poll", args };
  if (SIMPLE.has(verb)) {
    if (args) return { verb: "error", message: `\`${verb}\` takes nothing after it (got "${args}").` };
    return { verb } as AgendaCommand;
  }
  return { verb: "error", message: `I don't know \`${rawVerb}\`. Try \`/agenda help\`.` };
}

function extend(arg: string): AgendaCommand {
  const m = /^\+?\s*(-?\d+)\s*(m|min|mins|minutes)?$/i.exec(arg.trim());
  if (!m) return { verb: "error", message: "Say how many minutes: `/agenda extend 5`." };
  const minutes = Number(m[1]);
  if (minutes < 1 || minutes > 240) {
    return {
      verb: "error",
      message: `Extend by 1 to 240 minutes (got ${minutes}); to move on early use \`/agenda next\`.`,
    };
  }
  return { verb: "extend", minutes };
}
