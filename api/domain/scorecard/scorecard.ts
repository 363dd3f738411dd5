/**
 * The L/M/H scorecard (DESIGN section 6), pure: options × factors, votes in, scores out.
 *
 * - A vote is L = 1, M = 2 or H = 3, as cast.
 * - A cell (option × factor) has the counts of its votes and their `mean` (as cast). Its `score` is
 *   the mean on the "higher is better" reading: for a lower-is-better factor (cost) each vote v
 *   counts as 4 − v, so the score is 4 − mean. A cell without votes has no mean and no score.
 * - A cell is flagged `disagreement` when its votes span L to H (at least one of each).
 * - An option's score is the weighted mean of its scored cells: Σ wᵢ·scoreᵢ / Σ wᵢ over the factors
 *   that have votes. Unvoted cells are left out and the weights renormalised over the rest, so an
 *   unvoted factor neither helps nor hurts; `coverage` (the voted share of the total weight) says
 *   how much of the picture the score rests on. An option with no votes at all has no score.
 * - The recommendation is the option with the highest score; options whose scores are equal (to
 *   1e-9) are all recommended, in the poll's option order. Its gaps are the factors where it scores
 *   below 2 (worse than "medium"); its `unscored` factors had no votes.
 * - `evidence` says how much the recommendation rests on: how many of the factors were scored for the
 *   recommended option (the least covered of several tied ones) and the fewest votes on one of its
 *   scored cells. One person votes at most once per cell, so that is how many people, at least, scored
 *   every scored factor. It is `thin` when a factor is unscored or a scored cell has fewer than
 *   THIN_BELOW_VOTES votes, and `note` says so in words.
 */

export type Polarity = "higher-is-better" | "lower-is-better";
export type Lmh = "L" | "M" | "H";

export const LMH: readonly Lmh[] = ["L", "M", "H"];
export const LMH_VALUE: Readonly<Record<Lmh, 1 | 2 | 3>> = { L: 1, M: 2, H: 3 };
/** Scores below this are gaps: worse than "medium". */
export const GAP_BELOW = 2;
const EPSILON = 1e-9;
/** A recommendation resting on a cell with fewer votes than this is thin. */
export const THIN_BELOW_VOTES = 3;

export interface ScorecardOption {
  key: string;
  label: string;
}

export interface ScorecardFactor {
  key: string;
  name: string;
  polarity: Polarity;
  /** Relative weight, > 0. */
  weight: number;
}

/** How many votes of one value one cell got (SQL pre-aggregates; one row per vote works too). */
export interface CellCount {
  option: string;
  factor: string;
  value: 1 | 2 | 3;
  count: number;
}

export interface ScorecardCell {
  option: string;
  factor: string;
  counts: Record<Lmh, number>;
  votes: number;
  /** Mean of the votes as cast (L = 1 … H = 3); null without votes. */
  mean: number | null;
  /** The mean on the higher-is-better reading (4 − mean for lower-is-better factors); null without votes. */
  score: number | null;
  /** The votes span L to H. */
  disagreement: boolean;
}

export interface OptionScore {
  option: string;
  label: string;
  /** Weighted mean of the option's scored cells; null when no cell has votes. */
  score: number | null;
  /** 1 for the best score; equal scores share a rank; null without a score. */
  rank: number | null;
  votes: number;
  /** Voted share of the total factor weight, 0–1. */
  coverage: number;
}

export interface Recommendation {
  option: string;
  label: string;
  score: number;
  /** Factor keys where this option scores below 2, in factor order. */
  gaps: string[];
  /** Factor keys with no votes for this option. */
  unscored: string[];
}

export interface Evidence {
  /** Factors scored for the recommended option (the least covered when tied); 0 without votes. */
  scoredFactors: number;
  factors: number;
  /** The fewest votes on a scored cell of the recommended option(s); 0 without votes. */
  minCellVotes: number;
  thin: boolean;
  /** For people: "Thin: 2 of 7 factors scored for Kafka OSS, 1 vote on its least-voted factor." */
  note: string;
}

export interface Scorecard {
  /** Option-major: every option's cells in factor order. */
  cells: ScorecardCell[];
  options: OptionScore[];
  /** The highest-scoring option, or all of those tied for it; empty when nothing has votes. */
  recommended: Recommendation[];
  tie: boolean;
  evidence: Evidence;
}

export function computeScorecard(input: {
  options: readonly ScorecardOption[];
  factors: readonly ScorecardFactor[];
  counts: readonly CellCount[];
}): Scorecard {
  const { options, factors } = input;
  const byCell = new Map<string, Record<Lmh, number>>();
  const cellKey = (o: string, f: string) => `${o}\u0000${f}`;
  for (const c of input.counts) {
    if (c.count <= 0) continue;
    const k = cellKey(c.option, c.factor);
    const counts = byCell.get(k) ?? { L: 0, M: 0, H: 0 };
    counts[LMH[c.value - 1] as Lmh] += c.count;
    byCell.set(k, counts);
  }

  const cells: ScorecardCell[] = [];
  const totalWeight = factors.reduce((s, f) => s + f.weight, 0);
  const optionScores: OptionScore[] = options.map((o) => {
    let weighted = 0;
    let weight = 0;
    let votes = 0;
    for (const f of factors) {
      const cell = toCell(o.key, f, byCell.get(cellKey(o.key, f.key)));
      cells.push(cell);
      votes += cell.votes;
      if (cell.score !== null) {
        weighted += f.weight * cell.score;
        weight += f.weight;
      }
    }
    return {
      option: o.key,
      label: o.label,
      score: weight > 0 ? weighted / weight : null,
      rank: null,
      votes,
      coverage: totalWeight > 0 ? weight / totalWeight : 0,
    };
  });

  const scored = optionScores.filter((o) => o.score !== null).map((o) => o.score as number);
  for (const o of optionScores) {
    if (o.score === null) continue;
    const s = o.score;
    o.rank = 1 + new Set(scored.filter((x) => x > s + EPSILON).map((x) => x.toFixed(9))).size;
  }
  const recommended = optionScores
    .filter((o) => o.rank === 1)
    .map((o): Recommendation => {
      const own = cells.filter((c) => c.option === o.option);
      return {
        option: o.option,
        label: o.label,
        score: o.score as number,
        gaps: own.filter((c) => c.score !== null && c.score < GAP_BELOW - EPSILON).map((c) => c.factor),
        unscored: own.filter((c) => c.score === null).map((c) => c.factor),
      };
    });
  return {
    cells,
    options: optionScores,
    recommended,
    tie: recommended.length > 1,
    evidence: evidenceFor(recommended, cells, factors.length),
  };
}

function evidenceFor(recommended: Recommendation[], cells: ScorecardCell[], factors: number): Evidence {
  if (recommended.length === 0) {
    return {
      scoredFactors: 0,
      factors,
      minCellVotes: 0,
      thin: true,
      note: "No votes yet: nothing to recommend.",
    };
  }
  const scoredFactors = Math.min(...recommended.map((r) => factors - r.unscored.length));
  const chosen = new Set(recommended.map((r) => r.option));
  const minCellVotes = Math.min(
    ...cells.filter((c) => chosen.has(c.option) && c.votes > 0).map((c) => c.votes),
  );
  const thin = scoredFactors < factors || minCellVotes < THIN_BELOW_VOTES;
  const who = recommended.map((r) => r.label).join(", ");
  const votes = `${minCellVotes} ${minCellVotes === 1 ? "vote" : "votes"}`;
  const note = thin
    ? `Thin: ${scoredFactors} of ${factors} factors scored for ${who}, ${votes} on its least-voted factor. ` +
      "Treat the recommendation as provisional."
    : `Every factor scored for ${who}, by at least ${minCellVotes} people.`;
  return { scoredFactors, factors, minCellVotes, thin, note };
}

function toCell(option: string, factor: ScorecardFactor, counts?: Record<Lmh, number>): ScorecardCell {
  const c = counts ?? { L: 0, M: 0, H: 0 };
  const votes = c.L + c.M + c.H;
  const mean = votes > 0 ? (c.L + 2 * c.M + 3 * c.H) / votes : null;
  const score = mean === null ? null : factor.polarity === "lower-is-better" ? 4 - mean : mean;
  return {
    option,
    factor: factor.key,
    counts: { ...c },
    votes,
    mean,
    score,
    disagreement: c.L > 0 && c.H > 0,
  };
}
