import { type CsvValue, renderCsvTable } from "./csv.js";

/**
 * The PM's spreadsheets: the scorecard, the line items and the session feedback as CSV, one row per
 * thing (a cell, an item, a session). Inputs are the API's own JSON answers, so a CSV never says more
 * than the JSON the same caller would get (blind polls stay blind, feedback stays without authors).
 */

interface Factor {
  key: string;
  name: string;
  polarity: "higher-is-better" | "lower-is-better";
  weight: number;
}

export interface ScorecardForCsv {
  options: readonly { key: string; label: string }[];
  factors: readonly Factor[];
  views: readonly {
    view: string | null;
    cells: readonly {
      option: string;
      factor: string;
      counts: { L: number; M: number; H: number };
      votes: number;
      mean: number | null;
      score: number | null;
      disagreement: boolean;
    }[];
    options: readonly { option: string; score: number | null; rank: number | null }[];
    recommended: readonly { option: string }[];
  }[];
}

export const SCORECARD_CSV_COLUMNS = [
  "view",
  "option",
  "optionLabel",
  "factor",
  "factorName",
  "lowerIsBetter",
  "weight",
  "L",
  "M",
  "H",
  "votes",
  "mean",
  "score",
  "disagreement",
  "optionScore",
  "optionRank",
  "recommended",
] as const;

/** Means and scores to 3 decimals: what a spreadsheet shows anyway, and stable across platforms. */
const num = (v: number | null): CsvValue => (v === null ? "" : Math.round(v * 1000) / 1000);

/** One row per cell (view × option × factor), with its option's score, rank and whether it is recommended. */
export function scorecardCsv(card: ScorecardForCsv): string {
  const labels = new Map(card.options.map((o) => [o.key, o.label]));
  const factors = new Map(card.factors.map((f) => [f.key, f]));
  const rows: CsvValue[][] = [];
  for (const view of card.views) {
    const scores = new Map(view.options.map((o) => [o.option, o]));
    const recommended = new Set(view.recommended.map((r) => r.option));
    for (const cell of view.cells) {
      const f = factors.get(cell.factor);
      const o = scores.get(cell.option);
      rows.push([
        view.view ?? "",
        cell.option,
        labels.get(cell.option) ?? cell.option,
        cell.factor,
        f?.name ?? cell.factor,
        f?.polarity === "lower-is-better",
        f?.weight ?? "",
        cell.counts.L,
        cell.counts.M,
        cell.counts.H,
        cell.votes,
        num(cell.mean),
        num(cell.score),
        cell.disagreement,
        num(o?.score ?? null),
        o?.rank ?? "",
        recommended.has(cell.option),
      ]);
    }
  }
  return renderCsvTable(SCORECARD_CSV_COLUMNS, rows);
}

export interface LineItemForCsv {
  id: string;
  kind: string;
  text: string;
  sessionTitle: string | null;
  priority: string | null;
  timeframe: string | null;
  author: { platform: string; userId: string; displayName: string };
  createdAt: string;
  updatedAt: string;
  relevance: { rank: number | null; mean: number | null; votes: number } | null;
}

export const LINE_ITEMS_CSV_COLUMNS = [
  "id",
  "kind",
  "text",
  "session",
  "priority",
  "timeframe",
  "author",
  "createdAt",
  "updatedAt",
  "relevanceRank",
  "relevanceMean",
  "relevanceVotes",
] as const;

/** One row per line item, in the order asked for (oldest first, or ranked by relevance). */
export function lineItemsCsv(items: readonly LineItemForCsv[]): string {
  return renderCsvTable(
    LINE_ITEMS_CSV_COLUMNS,
    items.map((i) => [
      i.id,
      i.kind,
      i.text,
      i.sessionTitle ?? "",
      i.priority ?? "",
      i.timeframe ?? "",
      i.author.displayName || i.author.userId,
      i.createdAt,
      i.updatedAt,
      i.relevance?.rank ?? "",
      num(i.relevance?.mean ?? null),
      i.relevance?.votes ?? "",
    ]),
  );
}

export interface SessionFeedbackForCsv {
  sessionId: string;
  title: string;
  state: string;
  count: number;
  mean: number | null;
  distribution: Record<"1" | "2" | "3" | "4" | "5", number>;
  comments: readonly { text: string; at: string }[];
}

export const FEEDBACK_CSV_COLUMNS = [
  "sessionId",
  "session",
  "state",
  "ratings",
  "mean",
  "rated1",
  "rated2",
  "rated3",
  "rated4",
  "rated5",
  "comments",
] as const;

/** One row per session; its comments (never their authors) in one cell, one per line, oldest first. */
export function feedbackCsv(sessions: readonly SessionFeedbackForCsv[]): string {
  return renderCsvTable(
    FEEDBACK_CSV_COLUMNS,
    sessions.map((s) => [
      s.sessionId,
      s.title,
      s.state,
      s.count,
      num(s.mean),
      s.distribution["1"],
      s.distribution["2"],
      s.distribution["3"],
      s.distribution["4"],
      s.distribution["5"],
      s.comments.map((c) => c.text).join("\n"),
    ]),
  );
}
