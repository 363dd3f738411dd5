import type { BatonApi } from "./api.js";
import type {
  DecisionView,
  OutputStatus,
  OutputView,
  ReviewOutcome,
  ReviewQueueView,
  ShareLinkView,
} from "./outputs-types.js";
import type { LineItemKind, LineItemView } from "./poll-types.js";
import type { Actor, Button, ButtonRow, Platform, Reply, Section } from "./types.js";

/**
 * The room's outputs in chat: the session's expected outputs with a Done button, the day-2 review's
 * items with Validate / Invalidate / Defer, and the workshop's wrap-up with its report link. Builders
 * here are pure; `gather…` read what they need from the API.
 */

/** At most this many review rows in one message (Slack: 50 blocks; each row is two). */
export const REVIEW_ROWS = 15;

const REVIEW_CODE: Record<ReviewOutcome, string> = { validate: "v", invalidate: "i", defer: "d" };
const CODE_REVIEW: Record<string, ReviewOutcome> = { v: "validate", i: "invalidate", d: "defer" };

/** A review button: `rv:<workshopId>:<itemId>:<v|i|d>`. */
export interface ReviewButtonAction {
  workshopId: string;
  itemId: string;
  outcome: ReviewOutcome;
}

export function encodeReview(a: ReviewButtonAction): string {
  return ["rv", a.workshopId, a.itemId, REVIEW_CODE[a.outcome]].join(":");
}

export function decodeReview(id: string): ReviewButtonAction | null {
  const [prefix, workshopId, itemId, code, extra] = id.split(":");
  const outcome = CODE_REVIEW[code ?? ""];
  if (prefix !== "rv" || !workshopId || !itemId || !outcome || extra !== undefined) return null;
  return { workshopId, itemId, outcome };
}

/** An output's status button: `out:<workshopId>:<outputId>:<open|draft|done>`. */
export interface OutputButtonAction {
  workshopId: string;
  outputId: string;
  status: OutputStatus;
}

export function encodeOutput(a: OutputButtonAction): string {
  return ["out", a.workshopId, a.outputId, a.status].join(":");
}

export function decodeOutput(id: string): OutputButtonAction | null {
  const [prefix, workshopId, outputId, status, extra] = id.split(":");
  if (prefix !== "out" || !workshopId || !outputId || extra !== undefined) return null;
  if (status !== "open" && status !== "draft" && status !== "done") return null;
  return { workshopId, outputId, status };
}

const STATUS_MARK: Record<OutputStatus, string> = { open: "☐", draft: "✎", done: "✅" };

/** "☐ Captured line items (3 items, 1 poll)". */
export function outputLine(o: OutputView): string {
  const e = o.evidence;
  const evidence = [
    e.items ? plural(e.items, "item") : "",
    e.reviewed ? `${e.reviewed} reviewed` : "",
    e.polls ? plural(e.polls, "poll") : "",
    e.decisions ? plural(e.decisions, "decision") : "",
    e.workPackages ? plural(e.workPackages, "work package") : "",
    e.useCases ? plural(e.useCases, "use case") : "",
  ].filter(Boolean);
  return `${STATUS_MARK[o.status]} ${o.title}${o.status === "draft" ? " (draft)" : ""}${evidence.length ? ` — ${evidence.join(", ")}` : ""}`;
}

/** One row per output of a session: its line, and Done (or Reopen once done) for facilitators. */
export function outputRows(workshopId: string, outputs: readonly OutputView[]): ButtonRow[] {
  return outputs.map((o) => ({
    label: outputLine(o),
    buttons: [
      o.status === "done"
        ? { label: "Reopen", actionId: encodeOutput({ workshopId, outputId: o.id, status: "open" }) }
        : {
            label: "Done",
            actionId: encodeOutput({ workshopId, outputId: o.id, status: "done" }),
            style: "primary",
          },
    ],
  }));
}

/** `/agenda status`'s outputs: the current session's one by one, and the day's count. */
export function outputsSections(outputs: readonly OutputView[], sessionId: string | null): Section[] {
  if (outputs.length === 0) return [];
  const done = outputs.filter((o) => o.status === "done").length;
  const mine = outputs.filter((o) => o.sessionId === sessionId);
  return [
    {
      title: `Outputs: ${done} of ${outputs.length} done, ${outputs.length - done} outstanding`,
      ...(mine.length ? { text: [`This session must produce:`, ...mine.map(outputLine)].join("\n") } : {}),
    },
  ];
}

const KIND_WORD: Record<LineItemKind, string> = {
  requirement: "Requirement",
  assumption: "Assumption",
  risk: "Risk",
  decision: "Decision",
  gap: "Gap",
  issue: "Issue",
  dependency: "Dependency",
};

/** "Risk: Only one engineer knows Kafka (owner Priya, due 2026-12-18, overdue)". */
export function itemLine(i: LineItemView): string {
  const extras = [
    i.owner ? `owner ${i.owner}` : "",
    i.dueDate ? `due ${i.dueDate}${i.overdue ? ", overdue" : ""}` : "",
    i.review?.outcome === "deferred" ? "deferred before" : "",
  ].filter(Boolean);
  return `${KIND_WORD[i.kind]}: ${i.text}${extras.length ? ` (${extras.join(", ")})` : ""}`;
}

/** The review: every open assumption and risk with Validate / Invalidate / Defer (facilitators press). */
export function reviewReply(title: string, workshopId: string, queue: ReviewQueueView): Reply {
  const { items, counts } = queue;
  if (items.length === 0) {
    return {
      visibility: "channel",
      text: `🔎 ${title}: no open assumptions or risks to review (${counts.validated} validated, ${counts.invalidated} invalidated).`,
    };
  }
  const shown = items.slice(0, REVIEW_ROWS);
  const more = items.length - shown.length;
  return {
    visibility: "channel",
    text: `🔎 ${title}: ${plural(items.length, "open assumption or risk", "open assumptions and risks")} to review — facilitators validate, invalidate or defer each one.`,
    sections: [
      {
        text: `So far: ${counts.validated} validated, ${counts.invalidated} invalidated, ${counts.deferred} deferred, ${counts.pending} never reviewed.${more > 0 ? ` The first ${shown.length} are below; \`/agenda review\` shows the next ones.` : ""}`,
      },
    ],
    rows: shown.map((i) => ({
      label: itemLine(i),
      buttons: (["validate", "invalidate", "defer"] as const).map(
        (outcome): Button => ({
          label: outcome === "validate" ? "Validate" : outcome === "invalidate" ? "Invalidate" : "Defer",
          actionId: encodeReview({ workshopId, itemId: i.id, outcome }),
          ...(outcome === "validate" ? { style: "primary" as const } : {}),
        }),
      ),
    })),
  };
}

/** What the wrap-up and `/agenda report` say about the workshop. */
export interface WrapUpFacts {
  workshopName: string;
  decisions: DecisionView[];
  items: number;
  risks: number;
  openRisks: number;
  assumptions: number;
  outputsDone: number;
  outputsTotal: number;
  /** Sessions that ended without a single rating. */
  unrated: string[];
  link: ShareLinkView | null;
}

/** Reads what the wrap-up says; the share link only when a facilitator is named (null: no link). */
export async function gatherWrapUp(
  api: BatonApi,
  workshop: { id: string; name: string },
  facilitator: Actor | null,
): Promise<WrapUpFacts> {
  const [decisions, items, outputs, feedback] = await Promise.all([
    api.getDecisions(workshop.id),
    api.listLineItems(workshop.id),
    api.getOutputs(workshop.id),
    api.getFeedbackSummary(workshop.id),
  ]);
  const link = facilitator
    ? await api.createShareLink(workshop.id, { name: "Workshop report", actor: facilitator })
    : null;
  const risks = items.filter((i) => i.kind === "risk");
  return {
    workshopName: workshop.name,
    decisions,
    items: items.length,
    risks: risks.length,
    openRisks: risks.filter((i) => i.status === "open").length,
    assumptions: items.filter((i) => i.kind === "assumption").length,
    outputsDone: outputs.filter((o) => o.status === "done").length,
    outputsTotal: outputs.length,
    unrated: feedback.filter((s) => s.state === "done" && s.count === 0).map((s) => s.title),
    link,
  };
}

/** A decision against the recommendation, in words (`label` names an option by its key). */
export function stance(d: DecisionView, label: (key: string) => string = (key) => key): string {
  if (!d.recommended.length) return "before the scorecard recommends anything";
  if (d.accepted) return "accepting the recommendation";
  return `overriding the recommendation (${d.recommended.map(label).join(" or ")})`;
}

/** The report's addresses: the web view and its PDF. */
export function reportLinks(link: ShareLinkView): string {
  return `Web view: ${link.url}\nPDF: ${link.url}/report.pdf`;
}

/** The workshop's summary (`/agenda report`, and the wrap-up when the last session ends). */
export function wrapUpReply(facts: WrapUpFacts, finished: boolean): Reply {
  const decided = facts.decisions.map(
    (d) =>
      `${d.view}: ${d.optionLabel} — ${stance(d)}${d.unmitigatedGaps.length ? ` (gaps without a mitigation: ${d.unmitigatedGaps.join(", ")})` : ""}`,
  );
  const sections: Section[] = [
    {
      title: "Decided",
      text: decided.length ? decided.join("\n") : "No decision recorded yet.",
    },
    {
      fields: [
        { label: "Line items", value: String(facts.items) },
        { label: "Risks", value: `${facts.risks} (${facts.openRisks} open)` },
        { label: "Assumptions", value: String(facts.assumptions) },
        ...(facts.outputsTotal
          ? [{ label: "Outputs done", value: `${facts.outputsDone} of ${facts.outputsTotal}` }]
          : []),
      ],
    },
  ];
  if (facts.unrated.length)
    sections.push({
      title: "Feedback",
      text: `Nobody has rated ${facts.unrated.map((t) => `"${t}"`).join(", ")} yet — \`/feedback\` takes a minute.`,
    });
  sections.push({
    title: "Report",
    text: facts.link
      ? reportLinks(facts.link)
      : "A facilitator's `/agenda report` posts the link to the report.",
  });
  const counts = `${plural(facts.decisions.length, "decision")}, ${plural(facts.items, "line item")}${facts.outputsTotal ? `, ${facts.outputsDone} of ${facts.outputsTotal} outputs done` : ""}`;
  return {
    visibility: "channel",
    text: finished
      ? `🏁 That's a wrap for "${facts.workshopName}": ${counts}.`
      : `📄 The report of "${facts.workshopName}" so far: ${counts}.`,
    sections,
  };
}

/** A chat person, as the API may name them (`api` people are not chat people). */
export function chatActor(
  a:
    | {
        platform: string;
        userId: string;
        displayName: string;
        workspaceId?: string;
      }
    | null
    | undefined,
): Actor | null {
  const platforms: readonly string[] = ["slack", "teams", "console"] satisfies Platform[];
  if (!a || !platforms.includes(a.platform)) return null;
  return { ...a, platform: a.platform as Platform };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
