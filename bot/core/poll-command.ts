import type { NewPoll } from "./poll-types.js";
import { splitWords } from "./words.js";

/**
 * `/agenda poll …`, transport-neutral:
 *   scorecard [views production,pre-prod] [anonymous] [open] [15m]
 *   relevance [1-5] [anonymous] [open] [15m]
 *   choice "Question?" "Answer A" "Answer B" … [multiple] [anonymous] [open] [15m]
 * `open` shows results as votes come in (polls are blind by default); `15m` closes it in 15 minutes.
 */
export type PollCommand = { kind: "launch"; poll: NewPoll } | { kind: "error"; message: string };

export const POLL_HELP = [
  "`/agenda poll scorecard` — score each platform option L/M/H on each factor, in this session's thread",
  "`/agenda poll scorecard views production,pre-prod` — one score per view",
  "`/agenda poll relevance` (or `relevance 1-5`) — rate the captured line items",
  '`/agenda poll choice "Question?" "A" "B" [multiple]` — a single (or multiple) choice',
  "`/agenda poll dora` — the DORA quick check: the room's baseline of the four key metrics",
  "`/agenda poll dora results` — the room's answers: each key's band, in a short card",
  "Add `anonymous` (nobody sees who voted), `open` (results show as votes come in) or `15m` (closes in 15 minutes).",
];

const VIEW_RE = /^[a-z0-9][a-z0-9_-]{0,19}$/;

export function parsePollCommand(args: string): PollCommand {
  const { words, unclosed } = splitWords(args);
  if (unclosed) return error("A closing quote is missing.");
  const [kindWord = "", ...rest] = words;
  const kind = kindWord.toLowerCase();
  if (kind !== "scorecard" && kind !== "relevance" && kind !== "choice")
    return error(
      `Which kind of poll? \`/agenda poll scorecard\`, \`relevance\` or \`choice "Question?" "A" "B"\`.`,
    );
  const poll: NewPoll = { kind };
  const texts: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? "";
    const lower = word.toLowerCase();
    const minutes = /^(\d{1,4})\s*(m|min|mins|minutes)$/.exec(lower);
    if (lower === "anonymous" || lower === "anon") poll.anonymous = true;
    else if (lower === "open" || lower === "visible") poll.blind = false;
    else if (lower === "multiple" || lower === "multi") poll.multiple = true;
    else if (lower === "1-5" || lower === "1–5") poll.scale = "1-5";
    else if (lower === "closes" || lower === "in") continue;
    else if (minutes) {
      const n = Number(minutes[1]);
      if (n < 1 || n > 1440) return error("A poll closes in 1 to 1440 minutes.");
      poll.closesInMinutes = n;
    } else if (lower === "views" || lower.startsWith("views=")) {
      const list = lower === "views" ? (rest[++i] ?? "") : lower.slice("views=".length);
      const views = list
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);
      const bad = views.find((v) => !VIEW_RE.test(v));
      if (views.length === 0 || bad !== undefined)
        return error(`Views are short names like production,pre-prod${bad ? ` ("${bad}" is not)` : ""}.`);
      poll.views = views;
    } else texts.push(word);
  }
  if (poll.multiple && kind !== "choice") return error("`multiple` is for choice polls.");
  if (poll.scale && kind !== "relevance") return error("`1-5` is for relevance polls.");
  if (poll.views && kind !== "scorecard") return error("`views` is for scorecards.");
  if (kind === "choice") {
    const [title, ...options] = texts;
    if (!title || options.length < 2)
      return error(
        'A choice needs a question and at least two answers: `/agenda poll choice "Which region first?" "eu-west-1" "us-east-1"`.',
      );
    if (options.length > 25) return error("At most 25 answers.");
    poll.title = title;
    poll.options = options;
  } else if (texts.length) {
    return error(`I didn't understand "${texts.join(" ")}". ${POLL_HELP[0]}`);
  }
  return { kind: "launch", poll };
}

function error(message: string): PollCommand {
  return { kind: "error", message };
}
