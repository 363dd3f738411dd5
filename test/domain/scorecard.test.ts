import { describe, expect, it } from "vitest";
import { tallyChoice } from "../../api/domain/scorecard/choice.js";
import { summariseFeedback } from "../../api/domain/scorecard/feedback.js";
import { rankRelevance } from "../../api/domain/scorecard/relevance.js";
import {
  type CellCount,
  computeScorecard,
  type Lmh,
  type ScorecardFactor,
} from "../../api/domain/scorecard/scorecard.js";

const V: Record<Lmh, 1 | 2 | 3> = { L: 1, M: 2, H: 3 };

/** One count row per vote: `votes("cc", "cost", "HHM")`. */
function votes(option: string, factor: string, cast: string): CellCount[] {
  return [...cast].map((v) => ({ option, factor, value: V[v as Lmh], count: 1 }));
}

const factor = (key: string, polarity: ScorecardFactor["polarity"] = "higher-is-better", weight = 1) => ({
  key,
  name: key,
  polarity,
  weight,
});
const option = (key: string) => ({ key, label: key.toUpperCase() });

describe("a cell", () => {
  // Hand-computed: mean of the votes as cast; score 4 − mean when lower is better.
  it.each([
    ["H H M, higher is better", "higher-is-better", "HHM", 8 / 3, 8 / 3, false],
    ["H H M, lower is better (cost)", "lower-is-better", "HHM", 8 / 3, 4 / 3, false],
    ["L H, higher is better: spans L to H", "higher-is-better", "LH", 2, 2, true],
    ["L H, lower is better: still a disagreement", "lower-is-better", "LH", 2, 2, true],
    ["L M, no disagreement", "higher-is-better", "LM", 1.5, 1.5, false],
    ["a single L, lower is better, scores 3", "lower-is-better", "L", 1, 3, false],
    ["no votes", "higher-is-better", "", null, null, false],
  ] as const)("%s", (_name, polarity, cast, mean, score, disagreement) => {
    const card = computeScorecard({
      options: [option("a")],
      factors: [factor("f", polarity)],
      counts: votes("a", "f", cast),
    });
    const [cell] = card.cells;
    expect(cell?.votes).toBe(cast.length);
    if (mean === null) expect(cell?.mean).toBeNull();
    else expect(cell?.mean).toBeCloseTo(mean, 12);
    if (score === null) expect(cell?.score).toBeNull();
    else expect(cell?.score).toBeCloseTo(score, 12);
    expect(cell?.disagreement).toBe(disagreement);
  });

  it("counts pre-aggregated rows like single votes", () => {
    const card = computeScorecard({
      options: [option("a")],
      factors: [factor("f")],
      counts: [
        { option: "a", factor: "f", value: 3, count: 4 },
        { option: "a", factor: "f", value: 1, count: 1 },
      ],
    });
    expect(card.cells[0]).toMatchObject({ counts: { L: 1, M: 0, H: 4 }, votes: 5, disagreement: true });
    expect(card.cells[0]?.mean).toBeCloseTo(13 / 5, 12);
  });
});

describe("the worked example of docs/votes.md", () => {
  // Suitability (higher is better, weight 1), Cost (lower is better, weight 1), Operations (weight 2).
  const factors = [factor("suit"), factor("cost", "lower-is-better"), factor("ops", "higher-is-better", 2)];
  const options = [option("cc"), option("msk"), option("oss")];
  const counts = [
    ...votes("cc", "suit", "HHM"),
    ...votes("cc", "cost", "HHH"),
    ...votes("cc", "ops", "HHH"),
    ...votes("msk", "suit", "MMH"),
    ...votes("msk", "cost", "MHH"),
    ...votes("msk", "ops", "MHH"),
    ...votes("oss", "suit", "HML"),
    ...votes("oss", "cost", "LLL"),
    ...votes("oss", "ops", "LLM"),
  ];
  const card = computeScorecard({ options, factors, counts });

  it("scores each option as the weighted mean of its cells", () => {
    // cc:  (8/3 + (4 − 3) + 2·3) / 4 = 29/12
    // msk: (7/3 + (4 − 8/3) + 2·8/3) / 4 = 9/4
    // oss: (2 + (4 − 1) + 2·4/3) / 4 = 23/12
    const scores = Object.fromEntries(card.options.map((o) => [o.option, o.score]));
    expect(scores.cc).toBeCloseTo(29 / 12, 12);
    expect(scores.msk).toBeCloseTo(9 / 4, 12);
    expect(scores.oss).toBeCloseTo(23 / 12, 12);
    expect(card.options.map((o) => o.rank)).toEqual([1, 2, 3]);
    expect(card.options.map((o) => o.coverage)).toEqual([1, 1, 1]);
  });

  it("recommends the highest option with its gaps: cost scores 1 for cc", () => {
    expect(card.tie).toBe(false);
    expect(card.recommended).toEqual([
      { option: "cc", label: "CC", score: expect.closeTo(29 / 12, 12), gaps: ["cost"], unscored: [] },
    ]);
  });

  it("flags oss's suitability, voted H M L, as a disagreement and nothing else", () => {
    expect(card.cells.filter((c) => c.disagreement).map((c) => `${c.option}/${c.factor}`)).toEqual([
      "oss/suit",
    ]);
  });
});

describe("weights, ties and empty cells", () => {
  it("reports every option tied for the top, in the poll's order, each with its own gaps", () => {
    // Weights 2 and 1. A: (2·3 + 1·1)/3 = 7/3; B: (2·2 + 1·3)/3 = 7/3; C: (2·1 + 1·1)/3 = 1.
    const card = computeScorecard({
      options: [option("a"), option("b"), option("c")],
      factors: [factor("f1", "higher-is-better", 2), factor("f2")],
      counts: [
        ...votes("c", "f1", "L"),
        ...votes("c", "f2", "L"),
        ...votes("b", "f1", "M"),
        ...votes("b", "f2", "H"),
        ...votes("a", "f1", "H"),
        ...votes("a", "f2", "L"),
      ],
    });
    expect(card.tie).toBe(true);
    expect(card.recommended.map((r) => [r.option, r.gaps])).toEqual([
      ["a", ["f2"]],
      ["b", []],
    ]);
    expect(card.recommended[0]?.score).toBeCloseTo(7 / 3, 12);
    expect(card.options.map((o) => o.rank)).toEqual([1, 1, 2]);
  });

  it("the same votes with equal weights break the tie: A 2, B 2.5", () => {
    const card = computeScorecard({
      options: [option("a"), option("b")],
      factors: [factor("f1"), factor("f2")],
      counts: [
        ...votes("a", "f1", "H"),
        ...votes("a", "f2", "L"),
        ...votes("b", "f1", "M"),
        ...votes("b", "f2", "H"),
      ],
    });
    expect(card.options.map((o) => o.score)).toEqual([2, 2.5]);
    expect(card.recommended.map((r) => r.option)).toEqual(["b"]);
  });

  it("leaves unvoted cells out of an option's mean and renormalises the weights", () => {
    // A: f1 H (w1), f2 none (w1), f3 L (w2): (1·3 + 2·1) / 3 = 5/3, coverage 3/4.
    // B: only f1 M: 2, coverage 1/4, which beats A.
    const card = computeScorecard({
      options: [option("a"), option("b")],
      factors: [factor("f1"), factor("f2"), factor("f3", "higher-is-better", 2)],
      counts: [...votes("a", "f1", "H"), ...votes("a", "f3", "L"), ...votes("b", "f1", "M")],
    });
    expect(card.options[0]?.score).toBeCloseTo(5 / 3, 12);
    expect(card.options[0]?.coverage).toBe(0.75);
    expect(card.options[1]).toMatchObject({ score: 2, coverage: 0.25, votes: 1 });
    // A score of exactly 2 is not a gap ("below 2").
    expect(card.recommended).toEqual([
      { option: "b", label: "B", score: 2, gaps: [], unscored: ["f2", "f3"] },
    ]);
  });

  it("recommends nothing when nothing has votes", () => {
    const card = computeScorecard({ options: [option("a")], factors: [factor("f")], counts: [] });
    expect(card).toMatchObject({
      recommended: [],
      tie: false,
      options: [{ score: null, rank: null, coverage: 0 }],
    });
  });

  it("ignores counts for options or factors the poll does not have", () => {
    const card = computeScorecard({
      options: [option("a")],
      factors: [factor("f")],
      counts: [...votes("a", "f", "M"), ...votes("zz", "f", "H"), ...votes("a", "zz", "L")],
    });
    expect(card.cells).toHaveLength(1);
    expect(card.options[0]).toMatchObject({ score: 2, votes: 1 });
  });
});

describe("relevance ranking", () => {
  const items = [option("i1"), option("i2"), option("i3"), option("i4")];
  it("orders by mean, then by number of votes, then the poll's order; unrated last", () => {
    const ranked = rankRelevance({
      options: items,
      scale: "lmh",
      counts: [
        { option: "i1", value: 2, count: 1 }, // mean 2, 1 vote
        { option: "i2", value: 3, count: 1 },
        { option: "i2", value: 1, count: 1 }, // mean 2, 2 votes
        { option: "i4", value: 3, count: 2 }, // mean 3
      ],
    });
    expect(ranked.map((r) => [r.option, r.mean, r.rank])).toEqual([
      ["i4", 3, 1],
      ["i2", 2, 2],
      ["i1", 2, 3],
      ["i3", null, null],
    ]);
    expect(ranked[0]?.normalized).toBe(1);
    expect(ranked[1]?.normalized).toBe(0.5);
  });

  it("puts 1–5 ratings on the same 0–1 scale", () => {
    const [only] = rankRelevance({
      options: [option("a")],
      scale: "1-5",
      counts: [{ option: "a", value: 4, count: 2 }],
    });
    expect(only).toMatchObject({ mean: 4, normalized: 0.75, counts: { "1": 0, "4": 2, "5": 0 } });
  });
});

describe("choice tallies", () => {
  it("counts each option and its share of the voters", () => {
    expect(
      tallyChoice({
        options: [option("a"), option("b"), option("c")],
        counts: [
          { option: "a", count: 3 },
          { option: "c", count: 3 },
        ],
        voters: 4,
      }),
    ).toEqual([
      { option: "a", label: "A", count: 3, share: 0.75, rank: 1 },
      { option: "b", label: "B", count: 0, share: 0, rank: null },
      { option: "c", label: "C", count: 3, share: 0.75, rank: 1 },
    ]);
  });
});

describe("feedback summary", () => {
  const at = (m: number) => new Date(Date.UTC(2026, 2, 2, 9, m));
  it("counts ratings, their mean and distribution, and lists comments oldest first", () => {
    expect(
      summariseFeedback([
        { rating: 5, comment: "  Great  ", at: at(3) },
        { rating: 4, comment: null, at: at(1) },
        { rating: null, comment: "More breaks", at: at(2) },
        { rating: 4, comment: "   ", at: at(4) },
      ]),
    ).toEqual({
      count: 3,
      mean: 13 / 3,
      distribution: { "1": 0, "2": 0, "3": 0, "4": 2, "5": 1 },
      comments: [
        { text: "More breaks", at: at(2).toISOString() },
        { text: "Great", at: at(3).toISOString() },
      ],
    });
  });

  it("has no mean without ratings", () => {
    expect(summariseFeedback([]).mean).toBeNull();
  });
});

describe("how much a recommendation rests on", () => {
  const factors = ["f1", "f2", "f3"].map((k) => factor(k));
  it("is thin after one person scored 2 of 3 factors, and says so", () => {
    const card = computeScorecard({
      options: [option("a"), option("b")],
      factors,
      counts: [...votes("a", "f1", "H"), ...votes("a", "f2", "M")],
    });
    expect(card.evidence).toEqual({
      scoredFactors: 2,
      factors: 3,
      minCellVotes: 1,
      thin: true,
      note: "Thin: 2 of 3 factors scored for A, 1 vote on its least-voted factor. Treat the recommendation as provisional.",
    });
  });

  it("is thin with every factor scored by fewer than 3 people", () => {
    const counts = factors.flatMap((f) => votes("a", f.key, "HH"));
    expect(computeScorecard({ options: [option("a")], factors, counts }).evidence).toMatchObject({
      scoredFactors: 3,
      minCellVotes: 2,
      thin: true,
    });
  });

  it("is solid when every factor has 3 or more votes", () => {
    const counts = factors.flatMap((f) => votes("a", f.key, f.key === "f2" ? "HMLM" : "HHM"));
    expect(computeScorecard({ options: [option("a")], factors, counts }).evidence).toEqual({
      scoredFactors: 3,
      factors: 3,
      minCellVotes: 3,
      thin: false,
      note: "Every factor scored for A, by at least 3 people.",
    });
  });

  it("says there is nothing to recommend without votes", () => {
    expect(computeScorecard({ options: [option("a")], factors, counts: [] }).evidence).toMatchObject({
      thin: true,
      note: "No votes yet: nothing to recommend.",
    });
  });
});
