import type { LineItemKind, Priority } from "./poll-types.js";
import { splitWords } from "./words.js";

/**
 * `/capture <kind> <text> [owner: @priya] [by: friday] [priority:high] [timeframe:"Q3 2026"]`,
 * transport-neutral. Kinds: requirement, assumption, risk, issue, dependency, decision, gap (or their
 * short words: req, assume, …). The fields follow the text, in any order; a field's value runs to the
 * next field. `by:` is a due date as people say it (`friday`, `2026-12-20`, `end of April`), resolved
 * by the API in the workshop's zone. Nothing after `/capture` opens the capture form instead.
 */
export type CaptureCommand =
  | {
      kind: "capture";
      item: {
        kind: LineItemKind;
        text: string;
        priority?: Priority;
        timeframe?: string;
        owner?: string;
        by?: string;
      };
    }
  | { kind: "form" }
  | { kind: "help" }
  | { kind: "error"; message: string };

export const LINE_ITEM_KINDS: readonly LineItemKind[] = [
  "requirement",
  "assumption",
  "risk",
  "decision",
  "gap",
  "issue",
  "dependency",
];

const KIND_ALIASES: Record<string, LineItemKind> = {
  req: "requirement",
  requirement: "requirement",
  requirements: "requirement",
  assume: "assumption",
  assumption: "assumption",
  assumptions: "assumption",
  risk: "risk",
  risks: "risk",
  decision: "decision",
  decisions: "decision",
  decided: "decision",
  gap: "gap",
  gaps: "gap",
  issue: "issue",
  issues: "issue",
  dependency: "dependency",
  dependencies: "dependency",
  depends: "dependency",
};

const PRIORITY_ALIASES: Record<string, Priority> = {
  high: "high",
  h: "high",
  medium: "medium",
  med: "medium",
  m: "medium",
  low: "low",
  l: "low",
};

export const CAPTURE_HELP = [
  "`/capture requirement Schema registry with compatibility checks` — captures a line item in this session",
  "Kinds: requirement, assumption, risk, issue, dependency, decision, gap.",
  'After the text: `owner: @priya` (or a name), `by: friday` (a due date: `2026-12-20`, `end of April`, `in 2 weeks`), `priority:high`, `timeframe:"Q3 2026"`.',
  "`/capture` alone opens a form; on any message, ⋯ → *Capture as line item* keeps a link to it.",
];

/** A field after the text: `owner:`, `by:` (or `due:`), `priority:` (or `p:`), `timeframe:` (or `when:`). */
const FIELD = /(?:^|\s)(owner|by|due|priority|p|timeframe|when):|(?:^|\s)!(high|medium|med|low)\b/gi;

/**
 * A person named in chat as the name people read: Slack's escaped mention `<@U123|priya>`, Teams'
 * `<at>Priya Patel</at>` and a typed `@priya` all give the name.
 */
export function ownerName(raw: string): string {
  const text = raw.trim();
  const slack = /^<@[A-Z0-9]+\|([^>]+)>$/.exec(text);
  if (slack?.[1]) return slack[1];
  const teams = /^<at>(.+)<\/at>$/i.exec(text);
  if (teams?.[1]) return teams[1].trim();
  return text.replace(/^@/, "");
}

const unquote = (value: string) => splitWords(value).words.join(" ");

export function parseCaptureCommand(text: string): CaptureCommand {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "form" };
  if (/^(help|\?)$/i.test(trimmed)) return { kind: "help" };
  const [first = ""] = trimmed.split(/\s+/, 1);
  const kind = KIND_ALIASES[first.toLowerCase().replace(/:$/, "")];
  if (!kind) {
    return {
      kind: "error",
      message: `"${first}" is not a kind of line item: say requirement, assumption, risk, issue, dependency, decision or gap first, e.g. \`/capture risk Only one engineer knows Kafka\`.`,
    };
  }
  const rest = trimmed.slice(first.length).trim();
  const marks = [...rest.matchAll(FIELD)];
  const body = (marks[0] ? rest.slice(0, marks[0].index) : rest).trim();
  const item: Extract<CaptureCommand, { kind: "capture" }>["item"] = { kind, text: body };
  for (const [i, m] of marks.entries()) {
    const end = marks[i + 1]?.index ?? rest.length;
    const value = unquote(rest.slice((m.index ?? 0) + m[0].length, end).trim());
    const field = (m[1] ?? "").toLowerCase();
    if (m[2] !== undefined || field === "priority" || field === "p") {
      const word = (m[2] ?? value).toLowerCase();
      const p = PRIORITY_ALIASES[word];
      if (!p) return { kind: "error", message: `Priority is high, medium or low (got "${value}").` };
      item.priority = p;
      continue;
    }
    if (value === "")
      return {
        kind: "error",
        message:
          field === "owner"
            ? "Who owns it? `owner: @priya` or `owner: Platform team`."
            : field === "by" || field === "due"
              ? "By when? `by: friday`, `by: 2026-12-20` or `by: end of April`."
              : "What timeframe? `timeframe: Q3 2026`.",
      };
    if (field === "owner") {
      const owner = ownerName(value);
      if (owner.length > 200) return { kind: "error", message: "The owner is at most 200 characters." };
      item.owner = owner;
    } else if (field === "by" || field === "due") {
      if (value.length > 100)
        return { kind: "error", message: "The due date (`by:`) is at most 100 characters." };
      item.by = value;
    } else item.timeframe = value.slice(0, 100);
  }
  if (body === "") return { kind: "error", message: `What is the ${kind}? \`/capture ${kind} <text>\`.` };
  if (body.length > 2000) return { kind: "error", message: "A line item is at most 2,000 characters." };
  return { kind: "capture", item };
}
