/**
 * The four questions of the DORA quick check in their bucketed, multiple-choice form, as product
 * data: the chat layer renders them, the API stores one answer per (workshop, respondent, question)
 * and aggregates them into a baseline when there is no telemetry. Buckets are ordered best first.
 */

export const SURVEY_KEYS = [
  "deploymentFrequency",
  "leadTimeForChanges",
  "timeToRestore",
  "changeFailureRate",
] as const;
export type SurveyKey = (typeof SURVEY_KEYS)[number];

export interface SurveyBucket {
  id: string;
  label: string;
}

export interface SurveyQuestion {
  key: SurveyKey;
  /** Short title for buttons and tables. */
  title: string;
  question: string;
  /** Best first. */
  buckets: readonly SurveyBucket[];
}

/** Not a bucket: a respondent may say they do not know; such answers are counted, not aggregated. */
export const UNKNOWN_ANSWER = "unknown";
export const UNKNOWN_LABEL = "I don't know";

const DURATIONS = [
  { id: "lt-1h", label: "Less than one hour" },
  { id: "1h-1d", label: "Between one hour and one day" },
  { id: "1d-1w", label: "Between one day and one week" },
  { id: "1w-1m", label: "Between one week and one month" },
  { id: "1m-6m", label: "Between one month and six months" },
  { id: "gt-6m", label: "More than six months" },
] as const;

export const SURVEY_QUESTIONS: readonly SurveyQuestion[] = [
  {
    key: "deploymentFrequency",
    title: "Deployment frequency",
    question:
      "For the primary application or service you work on, how often does your organization deploy code to production or release it to end users?",
    buckets: [
      { id: "on-demand", label: "On demand (multiple deploys per day)" },
      { id: "1d-1w", label: "Between once per day and once per week" },
      { id: "1w-1m", label: "Between once per week and once per month" },
      { id: "1m-6m", label: "Between once per month and once every six months" },
      { id: "lt-6m", label: "Fewer than once every six months" },
    ],
  },
  {
    key: "leadTimeForChanges",
    title: "Lead time for changes",
    question:
      "For the primary application or service you work on, what is your lead time for changes (that is, how long does it take to go from code committed to code successfully running in production)?",
    buckets: DURATIONS,
  },
  {
    key: "timeToRestore",
    title: "Time to restore service",
    question:
      "For the primary application or service you work on, how long does it generally take to restore service when a service incident or a defect that impacts users occurs (for example, an unplanned outage or service impairment)?",
    buckets: DURATIONS,
  },
  {
    key: "changeFailureRate",
    title: "Change failure rate",
    question:
      "For the primary application or service you work on, what percentage of changes to production or released to users result in degraded service (for example, lead to service impairment or service outage) and subsequently require remediation (for example, require a hotfix, rollback, fix forward, patch)?",
    buckets: [
      { id: "0-15", label: "0%–15%" },
      { id: "16-30", label: "16%–30%" },
      { id: "31-45", label: "31%–45%" },
      { id: "46-60", label: "46%–60%" },
      { id: "61-75", label: "61%–75%" },
      { id: "76-100", label: "76%–100%" },
    ],
  },
];

export function surveyQuestion(key: SurveyKey): SurveyQuestion {
  return SURVEY_QUESTIONS.find((q) => q.key === key) as SurveyQuestion;
}

/** The answer ids a question accepts: its buckets and `unknown`. */
export function answerIds(key: SurveyKey): string[] {
  return [...surveyQuestion(key).buckets.map((b) => b.id), UNKNOWN_ANSWER];
}

/** One respondent's answers; a question not answered yet is absent or null. */
export type SurveyAnswers = Partial<Record<SurveyKey, string | null>>;

export interface QuestionBaseline {
  key: SurveyKey;
  title: string;
  question: string;
  /** Respondents who picked a bucket (`unknown` and unanswered excluded). */
  answered: number;
  unknown: number;
  /** The median bucket: the middle answer in best-to-worst order; with an even count, the worse of the two middle ones. */
  median: SurveyBucket | null;
  /** The best and worst buckets anyone picked. */
  best: SurveyBucket | null;
  worst: SurveyBucket | null;
  /** How many buckets apart the best and worst answers are; 0 when the room agrees. */
  spread: number | null;
  /** True when answers are two or more buckets apart: worth a conversation before taking the median. */
  disagreement: boolean;
  distribution: (SurveyBucket & { count: number })[];
}

/**
 * The room's baseline, question by question. Answers are ordinal, so the median is a bucket, never
 * an average of buckets; taking the worse middle answer on a tie keeps the baseline conservative.
 */
export function aggregateSurvey(responses: readonly SurveyAnswers[]): QuestionBaseline[] {
  return SURVEY_QUESTIONS.map((q) => {
    const indices: number[] = [];
    let unknown = 0;
    for (const r of responses) {
      const a = r[q.key];
      if (a === UNKNOWN_ANSWER) unknown++;
      else if (a) {
        const i = q.buckets.findIndex((b) => b.id === a);
        if (i >= 0) indices.push(i);
      }
    }
    indices.sort((a, b) => a - b);
    const at = (i: number | undefined) => (i === undefined ? null : (q.buckets[i] ?? null));
    const first = indices[0];
    const last = indices.at(-1);
    const spread = first === undefined || last === undefined ? null : last - first;
    return {
      key: q.key,
      title: q.title,
      question: q.question,
      answered: indices.length,
      unknown,
      median: at(indices[Math.floor(indices.length / 2)]),
      best: at(first),
      worst: at(last),
      spread,
      disagreement: spread !== null && spread >= 2,
      distribution: q.buckets.map((b, i) => ({ ...b, count: indices.filter((x) => x === i).length })),
    };
  });
}
