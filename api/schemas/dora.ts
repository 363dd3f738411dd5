import { z } from "@hono/zod-openapi";
import { BENCHMARK_EDITIONS, DEFAULT_BENCHMARK } from "../domain/dora/benchmarks/index.js";
import { WEEKDAYS } from "../domain/dora/calendar.js";
import { answerIds, SURVEY_KEYS, type SurveyKey } from "../domain/dora/survey.js";
import { canonicalTimeZone } from "../domain/time/zoned.js";

/** Largest batch one ingest request may carry. */
export const MAX_BATCH_ITEMS = 10_000;
export const MAX_CHANGES_PER_DEPLOYMENT = 5_000;

const Id = z.string().trim().min(1).max(200);
const Service = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .default("default")
  .openapi({ example: "checkout", description: "The service it belongs to; `default` when omitted" });

/** An instant with an explicit offset, stored with millisecond precision. */
const Instant = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 instant with an offset, e.g. 2025-03-04T10:15:00Z" })
  .transform((s) => new Date(s).toISOString());

export const ChangeInput = z
  .strictObject({
    id: Id.openapi({
      example: "9fceb02d0ae598e95dc970b74767f19372d61af8",
      description: "e.g. the commit sha",
    }),
    service: Service,
    committedAt: Instant.openapi({ example: "2025-03-04T09:00:00Z" }),
  })
  .openapi("DoraChange");
export type ChangeInput = z.infer<typeof ChangeInput>;

export const DeploymentInput = z
  .strictObject({
    id: Id.openapi({ example: "deploy-2025-03-04-1" }),
    service: Service,
    environment: z.string().trim().min(1).max(100).default("production").openapi({
      description: "Only `production` counts unless the metrics ask for another environment",
    }),
    status: z
      .enum(["success", "failure"])
      .default("success")
      .openapi({ description: "Only successful deployments count" }),
    deployedAt: Instant.openapi({ example: "2025-03-04T10:15:00Z" }),
    changeIds: z
      .array(Id)
      .max(MAX_CHANGES_PER_DEPLOYMENT)
      .default([])
      .transform((ids) => [...new Set(ids)])
      .openapi({
        description:
          "The changes this deployment shipped (repeats are ignored). Changes not ingested yet are kept and give a lead-time sample once they arrive.",
      }),
  })
  .openapi("DoraDeployment");
export type DeploymentInput = z.infer<typeof DeploymentInput>;

export const IncidentInput = z
  .strictObject({
    id: Id.openapi({ example: "INC-42" }),
    service: Service,
    createdAt: Instant.openapi({ example: "2025-03-04T11:00:00Z" }),
    resolvedAt: Instant.nullable().default(null).openapi({ description: "null while the incident is open" }),
    rootCauseChangeId: Id.nullable()
      .default(null)
      .openapi({ description: "The change that caused it, when known" }),
  })
  .superRefine((i, ctx) => {
    if (i.resolvedAt !== null && i.resolvedAt < i.createdAt) {
      ctx.addIssue({ code: "custom", path: ["resolvedAt"], message: "must not be before createdAt" });
    }
  })
  .openapi("DoraIncident");
export type IncidentInput = z.infer<typeof IncidentInput>;

/** A batch `{items: [...]}` of up to 10,000 items whose ids are unique within the batch. */
export function batchOf<T extends z.ZodType<{ id: string }>>(item: T, name: string) {
  return z
    .strictObject({ items: z.array(item).min(1).max(MAX_BATCH_ITEMS) })
    .superRefine((batch, ctx) => {
      const seen = new Map<string, number>();
      batch.items.forEach((it, i) => {
        const first = seen.get(it.id);
        if (first === undefined) seen.set(it.id, i);
        else ctx.addIssue({ code: "custom", path: ["items", i, "id"], message: `repeats items.${first}.id` });
      });
    })
    .openapi(name);
}

export const ChangeBatch = batchOf(ChangeInput, "DoraChangeBatch");
export const DeploymentBatch = batchOf(DeploymentInput, "DoraDeploymentBatch");
export const IncidentBatch = batchOf(IncidentInput, "DoraIncidentBatch");

export const IngestResult = z
  .object({
    kind: z.enum(["changes", "deployments", "incidents"]),
    received: z.number().int(),
    created: z.number().int(),
    updated: z.number().int().openapi({ description: "Existing items whose fields (or changes) differed" }),
    unchanged: z.number().int().openapi({ description: "Existing items sent again as they were: a retry" }),
  })
  .openapi("DoraIngestResult");
export type IngestResult = z.infer<typeof IngestResult>;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DateOrInstant = z
  .string()
  .refine((v) => (DATE_RE.test(v) ? z.iso.date() : z.iso.datetime({ offset: true })).safeParse(v).success, {
    message:
      "must be a date (YYYY-MM-DD, local midnight in tz) or an instant with an offset (2025-01-01T00:00:00Z)",
  });

const TimeZone = z
  .string()
  .refine((tz) => canonicalTimeZone(tz) !== null, {
    error: (iss) => `unknown IANA time zone ${JSON.stringify(iss.input)} (e.g. "Europe/London")`,
  })
  .default("UTC")
  .openapi({ example: "Europe/Berlin" });

const scopeParams = {
  from: DateOrInstant.optional().openapi({
    description:
      "Window start (inclusive): a date means local midnight in `tz`. Default: 12 weeks before `to`.",
    example: "2025-01-01",
  }),
  to: DateOrInstant.optional().openapi({
    description: "Window end (exclusive). Default: the start of the current week in `tz`.",
    example: "2026-01-01",
  }),
  service: z.string().min(1).max(200).optional().openapi({ description: "Only this service" }),
  environment: z.string().min(1).max(100).default("production"),
  tz: TimeZone.openapi({ description: "IANA time zone for days, weeks and months" }),
  weekStart: z.enum(WEEKDAYS).default("monday"),
  orgId: z
    .uuid()
    .optional()
    .openapi({
      description:
        "Admin (and platform-wide bots): whose four-key data, required while there are several organisations; " +
        "any other token reads its own organisation's",
    }),
};

export const MetricsQuery = z.strictObject({
  ...scopeParams,
  benchmark: z
    .enum(BENCHMARK_EDITIONS)
    .default(DEFAULT_BENCHMARK)
    .openapi({ description: "Edition of the State of DevOps benchmark to classify against" }),
  groupBy: z.enum(["service"]).optional().openapi({ description: "Add a row of figures per service" }),
  interval: z.enum(["week", "month"]).optional().openapi({ description: "Add a trend series" }),
  workshopId: z
    .uuid()
    .optional()
    .openapi({ description: "Show this workshop's survey baseline beside the measured figures" }),
});
export type MetricsQuery = z.infer<typeof MetricsQuery>;

export const METRICS = [
  "deploymentFrequency",
  "leadTimeForChanges",
  "changeFailureRate",
  "timeToRestore",
] as const;
export type MetricName = (typeof METRICS)[number];

export const ExplainQuery = z.strictObject({
  metric: z.enum(METRICS),
  ...scopeParams,
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional().openapi({ description: "`nextCursor` of the previous page" }),
});
export type ExplainQuery = z.infer<typeof ExplainQuery>;

const Tier = z.enum(["elite", "high", "medium", "low"]).nullable().openapi({
  description: "From the chosen benchmark; null (with `reason`) when there is no data, never a best guess",
});
const Reason = z.string().nullable().openapi({ description: "Why the figure is null; null when it is not" });

export const DeploymentFrequency = z
  .object({
    deployments: z.number().int(),
    deployDays: z.number().int().openapi({ description: "Distinct local dates with a deployment" }),
    weeks: z
      .number()
      .int()
      .openapi({ description: "Calendar weeks overlapping the window, partial ones included" }),
    weeksWithDeployments: z.number().int(),
    medianDeployDaysPerWeek: z.number(),
    months: z.number().int(),
    monthsWithDeployments: z.number().int(),
    bucket: z.enum(["daily", "weekly", "monthly", "yearly"]).nullable(),
    tier: Tier,
    reason: Reason,
  })
  .openapi("DeploymentFrequency");

export const LeadTimeForChanges = z
  .object({
    medianMinutes: z.number().nullable().openapi({ description: "Interpolated median, 2 decimals" }),
    samples: z
      .number()
      .int()
      .openapi({ description: "(deployment, change) pairs with a positive lead time" }),
    excluded: z.number().int().openapi({ description: "Pairs with a lead time ≤ 0, left out" }),
    missingChanges: z.number().int().openapi({ description: "Pairs whose change was never ingested" }),
    tier: Tier,
    reason: Reason,
  })
  .openapi("LeadTimeForChanges");

export const ChangeFailureRate = z
  .object({
    rate: z.number().nullable().openapi({ description: "A fraction (0.25), 4 decimals" }),
    failedDeployments: z.number().int(),
    deployments: z.number().int(),
    tier: Tier,
    reason: Reason,
  })
  .openapi("ChangeFailureRate");

export const TimeToRestore = z
  .object({
    medianHours: z.number().nullable().openapi({ description: "Interpolated median, 3 decimals" }),
    resolved: z.number().int(),
    open: z.number().int().openapi({ description: "Open incidents, left out" }),
    withoutRootCause: z.number().int().openapi({ description: "Counted from their creation" }),
    rootCauseNotDeployed: z
      .number()
      .int()
      .openapi({ description: "Root cause in no successful deployment: counted from creation" }),
    tier: Tier,
    reason: Reason,
  })
  .openapi("TimeToRestore");

const fourKeys = {
  deploymentFrequency: DeploymentFrequency,
  leadTimeForChanges: LeadTimeForChanges,
  changeFailureRate: ChangeFailureRate,
  timeToRestore: TimeToRestore,
};

export const PeriodFigures = z
  .object({ from: z.iso.datetime(), to: z.iso.datetime(), ...fourKeys })
  .openapi("DoraPeriod");

export const ServiceFigures = z
  .object({ service: z.string(), ...fourKeys, series: z.array(PeriodFigures).optional() })
  .openapi("DoraService");

const SurveyBucket = z.object({ id: z.string(), label: z.string() }).openapi("DoraSurveyBucket");

export const QuestionBaseline = z
  .object({
    key: z.enum(SURVEY_KEYS),
    title: z.string(),
    question: z.string(),
    answered: z.number().int(),
    unknown: z.number().int(),
    median: SurveyBucket.nullable().openapi({
      description: "The middle answer, best to worst; the worse of the two middle ones on a tie",
    }),
    best: SurveyBucket.nullable(),
    worst: SurveyBucket.nullable(),
    spread: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Buckets between the best and worst answers" }),
    disagreement: z.boolean().openapi({ description: "Answers two or more buckets apart" }),
    distribution: z.array(SurveyBucket.extend({ count: z.number().int() })).openapi({
      description: "Every bucket, best first, with how many picked it",
    }),
  })
  .openapi("DoraSurveyQuestion");

export const SurveyBaseline = z
  .object({
    workshopId: z.uuid(),
    respondents: z.number().int(),
    unknownAnswer: SurveyBucket.openapi({ description: 'The answer for "I don\'t know"; not aggregated' }),
    questions: z.array(QuestionBaseline),
  })
  .openapi("DoraSurveyBaseline");
export type SurveyBaseline = z.infer<typeof SurveyBaseline>;

export const Metrics = z
  .object({
    window: z.object({
      from: z.iso.datetime(),
      to: z.iso.datetime(),
      timeZone: z.string(),
      weekStart: z.enum(WEEKDAYS),
      environment: z.string(),
      service: z.string().nullable(),
    }),
    benchmark: z.object({ edition: z.string(), source: z.string() }),
    ...fourKeys,
    series: z.array(PeriodFigures).optional().openapi({ description: "With `interval`" }),
    services: z.array(ServiceFigures).optional().openapi({ description: "With `groupBy=service`" }),
    survey: SurveyBaseline.optional().openapi({ description: "With `workshopId`" }),
  })
  .openapi("DoraMetrics");
export type Metrics = z.infer<typeof Metrics>;

const answerOf = (key: SurveyKey) => z.enum(answerIds(key) as [string, ...string[]]).optional();

export const SurveyAnswerInput = z
  .strictObject({
    respondent: z.string().trim().min(1).max(200).openapi({
      example: "slack:T0123:U0456",
      description: "Who answers; one set of answers per respondent",
    }),
    displayName: z.string().trim().min(1).max(200).optional(),
    answers: z
      .strictObject({
        deploymentFrequency: answerOf("deploymentFrequency"),
        leadTimeForChanges: answerOf("leadTimeForChanges"),
        timeToRestore: answerOf("timeToRestore"),
        changeFailureRate: answerOf("changeFailureRate"),
      })
      .refine((a) => Object.values(a).some((v) => v !== undefined), {
        message: "answer at least one question",
      })
      .openapi({
        description:
          "Bucket ids (see `GET …/dora-survey`) or `unknown`. Questions left out keep the respondent's earlier answer.",
      }),
  })
  .openapi("DoraSurveyAnswerInput");
export type SurveyAnswerInput = z.infer<typeof SurveyAnswerInput>;

export const SurveyAnswer = z
  .object({
    workshopId: z.uuid(),
    respondent: z.string(),
    displayName: z.string().nullable(),
    answers: z.object({
      deploymentFrequency: z.string().nullable(),
      leadTimeForChanges: z.string().nullable(),
      timeToRestore: z.string().nullable(),
      changeFailureRate: z.string().nullable(),
    }),
    updatedAt: z.iso.datetime(),
  })
  .openapi("DoraSurveyAnswer");
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;

export const DeploymentSample = z
  .object({
    deploymentId: z.string(),
    service: z.string(),
    deployedAt: z.iso.datetime(),
    day: z.iso.date().openapi({ description: "Local date in `tz`" }),
    week: z.iso.date().openapi({ description: "First local date of its calendar week" }),
    failed: z.boolean(),
    incidentIds: z.array(z.string()).openapi({ description: "Incidents whose root cause it shipped" }),
  })
  .openapi("DoraDeploymentSample");

export const LeadTimeSample = z
  .object({
    deploymentId: z.string(),
    changeId: z.string(),
    service: z.string(),
    deployedAt: z.iso.datetime(),
    committedAt: z.iso.datetime().nullable(),
    leadMinutes: z.number().nullable(),
    counted: z.boolean(),
    reason: z.enum(["lead time ≤ 0", "change never ingested"]).nullable(),
  })
  .openapi("DoraLeadTimeSample");

export const RestoreSample = z
  .object({
    incidentId: z.string(),
    service: z.string(),
    createdAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().nullable(),
    rootCauseChangeId: z.string().nullable(),
    firstDeployedAt: z.iso
      .datetime()
      .nullable()
      .openapi({ description: "First deployment of the root cause" }),
    startedAt: z.iso.datetime(),
    startedBy: z.enum(["creation", "deployment"]),
    restoreHours: z.number().nullable(),
    counted: z.boolean(),
    reason: z.enum(["open"]).nullable(),
  })
  .openapi("DoraRestoreSample");

export const Explain = z
  .object({
    metric: z.enum(METRICS),
    window: z.object({
      from: z.iso.datetime(),
      to: z.iso.datetime(),
      timeZone: z.string(),
      environment: z.string(),
      service: z.string().nullable(),
    }),
    samples: z.array(z.union([DeploymentSample, LeadTimeSample, RestoreSample])).openapi({
      description:
        "deploymentFrequency and changeFailureRate: deployments; leadTimeForChanges: (deployment, change) pairs; timeToRestore: incidents",
    }),
    nextCursor: z.string().nullable(),
  })
  .openapi("DoraExplain");
export type Explain = z.infer<typeof Explain>;
