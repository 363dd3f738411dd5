import { describe, expect, it } from "vitest";
import { aggregateSurvey, SURVEY_QUESTIONS, type SurveyAnswers } from "../../api/domain/dora/survey.js";

const df = (...answers: (string | null)[]): SurveyAnswers[] =>
  answers.map((a) => ({ deploymentFrequency: a }));
const baseline = (responses: SurveyAnswers[]) => aggregateSurvey(responses)[0];

describe("the four questions", () => {
  it("are the quick check's, each with buckets from best to worst", () => {
    expect(SURVEY_QUESTIONS.map((q) => q.key)).toEqual([
      "deploymentFrequency",
      "leadTimeForChanges",
      "timeToRestore",
      "changeFailureRate",
    ]);
    expect(SURVEY_QUESTIONS[0]?.buckets.map((b) => b.label)).toContain(
      "Between once per week and once per month",
    );
    for (const q of SURVEY_QUESTIONS) expect(new Set(q.buckets.map((b) => b.id)).size).toBe(q.buckets.length);
  });
});

describe("the survey baseline of one question", () => {
  it.each([
    ["nobody answered", df(), { answered: 0, median: null, spread: null, disagreement: false }],
    ["one answer", df("1w-1m"), { answered: 1, median: "1w-1m", spread: 0 }],
    [
      "an odd count takes the middle",
      df("on-demand", "lt-6m", "1w-1m"),
      { median: "1w-1m", spread: 4, disagreement: true },
    ],
    [
      "an even count takes the worse middle answer",
      df("on-demand", "1d-1w", "1w-1m", "1m-6m"),
      { median: "1w-1m" },
    ],
    [
      "neighbouring buckets are no disagreement",
      df("1d-1w", "1w-1m"),
      { median: "1w-1m", spread: 1, disagreement: false },
    ],
    [
      "unknown answers are counted, not aggregated",
      df("unknown", "unknown", "on-demand"),
      { answered: 1, unknown: 2, median: "on-demand" },
    ],
    ["unanswered questions are skipped", df(null, "1m-6m"), { answered: 1, unknown: 0, median: "1m-6m" }],
  ])("%s", (_name, responses, expected) => {
    const b = baseline(responses);
    expect({ ...b, median: b?.median?.id ?? null }).toMatchObject(expected);
  });
});
