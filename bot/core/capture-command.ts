import type { LineItemKind, Priority } from "./poll-types.js";
import { splitWords } from "./words.js";

/**
 * `/capture <kind> <text> [priority:high] [by:"Q3 2026"]`, transport-neutral. Kinds: requirement,
 * assumption, risk, issue, dependency, decision, gap (or their first letters' words: req, assume, …). Nothing after
 * `/capture` opens the capture form instead.
 */
export type CaptureCommand =
  | { kind: "capture"; item: { kind: LineItemKind; text: string; priority?: Priority; timeframe?: string } }
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
  'Kinds: requirement, assumption, risk, issue, dependency, decision, gap. Add `priority:high` and `by:"Q3 2026"` for priority and timeframe.',
  "`/capture` alone opens a form; on any message, ⋯ → *Capture as line item* keeps a link to it.",
];

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
  let rest = trimmed.slice(first.length).trim();
  let priority: Priority | undefined;
  let timeframe: string | undefined;
  // Trailing options: priority:high (or p:high, !high) and by:Q3 / timeframe:"Q3 2026", in any order.
  for (;;) {
    const m =
      /\s*(?:(?:priority|p):(\S+)|!(high|medium|med|low)|(?:by|timeframe|when):("[^"]*"|“[^”]*”|\S+))\s*$/i.exec(
        ` ${rest}`,
      );
    if (!m) break;
    if (m[1] !== undefined || m[2] !== undefined) {
      const p = PRIORITY_ALIASES[(m[1] ?? m[2] ?? "").toLowerCase()];
      if (!p) return { kind: "error", message: `Priority is high, medium or low (got "${m[1]}").` };
      priority = p;
    } else {
      const { words } = splitWords(m[3] ?? "");
      timeframe = words.join(" ").slice(0, 100);
    }
    rest = ` ${rest}`.slice(0, m.index).trim();
  }
  if (rest === "") return { kind: "error", message: `What is the ${kind}? \`/capture ${kind} <text>\`.` };
  if (rest.length > 2000) return { kind: "error", message: "A line item is at most 2,000 characters." };
  return {
    kind: "capture",
    item: { kind, text: rest, ...(priority ? { priority } : {}), ...(timeframe ? { timeframe } : {}) },
  };
}
