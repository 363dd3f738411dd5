import type { Loaded } from "./blocks.js";

/**
 * The plain data a report is drawn from, assembled by api/services/report.ts. No dates of generation:
 * `asOf` (a local date) is passed in, so the same data gives the same bytes.
 */

export interface ReportWorkshop {
  id: string;
  name: string;
  timezone: string;
  /** Local date of day 1, YYYY-MM-DD. */
  startDate: string;
  days: number;
}

export interface SummaryData {
  /** Per scorecard view (e.g. production, pre-prod); one entry with view null for a poll without views. */
  recommendations: {
    view: string | null;
    options: { label: string; score: number; gaps: string[]; unscored: string[] }[];
    tie: boolean;
  }[];
  /** Why there is no recommendation yet, when there is none. */
  recommendationNote: string | null;
  /** Line items of kind `decision`, oldest first. */
  decisions: string[];
  /** The highest-ranked risks (by relevance, then oldest). */
  topRisks: string[];
  agendaSummary: string;
  sessionsDone: number;
  sessionsTotal: number;
}

export interface AgendaRow {
  day: number;
  kind: "session" | "break";
  title: string;
  /** Local HH:MM. */
  plannedStart: string;
  plannedEnd: string;
  plannedMinutes: number;
  actualStart: string | null;
  actualEnd: string | null;
  actualMinutes: number | null;
  /** Actual minus planned minutes, for finished items; positive is an overrun. */
  overrunMinutes: number | null;
  state: "pending" | "running" | "paused" | "done" | "skipped";
}
export interface AgendaData {
  rows: AgendaRow[];
  summary: string;
}

export interface LineItemRow {
  rank: number | null;
  kind: string;
  text: string;
  priority: string | null;
  session: string | null;
  /** 0–1, from the latest relevance poll whose results are public. */
  relevance: number | null;
  votes: number;
}
export interface LineItemsData {
  items: LineItemRow[];
}

export interface HeatmapView {
  view: string | null;
  options: { key: string; label: string; score: number | null; rank: number | null }[];
  factors: { key: string; label: string; weight: number }[];
  /** Score read higher-is-better, 1–3; null without votes. */
  cells: { option: string; factor: string; score: number | null; votes: number; disagreement: boolean }[];
}
export interface ScorecardData {
  title: string;
  state: string;
  voterCount: number;
  views: HeatmapView[];
}

export type Tier = "elite" | "high" | "medium" | "low" | null;
export interface DoraFigure {
  key: "deploymentFrequency" | "leadTimeForChanges" | "changeFailureRate" | "timeToRestore";
  label: string;
  /** The figure as people read it ("daily", "2.5 h", "12 %"), or null with `reason`. */
  value: string | null;
  tier: Tier;
  reason: string | null;
  /** Per period, oldest first: the figure as a number (null: no data that period). */
  trend: { period: string; value: number | null }[];
  unit: string;
  /** Whether a higher number is better (deployments) or worse (lead time, failures, restore). */
  higherIsBetter: boolean;
  /** The room's quick check for the same question: its median answer, or null. */
  roomMedian: string | null;
  roomDisagreement: boolean;
}
export interface DoraData {
  window: { from: string; to: string; timeZone: string };
  benchmark: string;
  respondents: number;
  figures: DoraFigure[];
}

export interface GanttPackage {
  key: string;
  title: string;
  owner: string | null;
  phase: string | null;
  earlyStart: string;
  earlyFinish: string;
  lateFinish: string;
  durationDays: number;
  totalFloat: number;
  critical: boolean;
  deadline: string | null;
  dependsOn: string[];
}
export interface RoadmapData {
  start: string;
  finish: string;
  deadline: string | null;
  criticalPath: string[];
  workPackages: GanttPackage[];
}

export interface NextStepsData {
  steps: string[];
}

export interface FeedbackData {
  sessions: { title: string; count: number; mean: number | null; comments: string[] }[];
}

/* The artefacts the room's outputs, architecture and sizing capture (api/services/outputs.ts,
 * register.ts, review.ts, swot.ts, decisions.ts, skills-costs.ts, environments.ts, use-cases.ts),
 * flattened to what the report shows: labels instead of keys, figures already rounded. */

export interface OutputsData {
  outputs: {
    day: number;
    session: string;
    title: string;
    status: "open" | "draft" | "done";
    /** What feeds it, in words ("3 line items (1 reviewed), 1 poll"), or "" when nothing does yet. */
    evidence: string;
  }[];
}
export interface RaidData {
  /** In the register's order: due date, then exposure, then oldest first. */
  items: {
    kind: string;
    text: string;
    owner: string | null;
    dueDate: string | null;
    /** Due before `asOf` and still open or validated. */
    overdue: boolean;
    status: string;
    likelihood: number | null;
    impact: number | null;
    /** likelihood × impact, 1–25. */
    exposure: number | null;
    /** The day-2 review's outcome: validated, invalidated or deferred; null when not reviewed. */
    review: string | null;
    workPackages: string[];
  }[];
  /** The day-2 review of open assumptions and risks, as counted by the review queue. */
  review: { pending: number; deferred: number; validated: number; invalidated: number };
}
export interface SwotData {
  options: {
    option: string;
    label: string;
    strength: string[];
    weakness: string[];
    opportunity: string[];
    threat: string[];
  }[];
}
export interface DecisionsData {
  /** One per scorecard view, by view name. */
  decisions: {
    view: string;
    /** The chosen option's label. */
    option: string;
    /** The scorecard's recommended options (labels) when the decision was recorded; several on a tie. */
    recommended: string[];
    /** Whether the chosen option is one the scorecard recommended; false: the room overrode it. */
    accepted: boolean;
    rationale: string;
    conditions: string[];
    /** Factor names where the chosen option scores below 2. */
    gaps: string[];
    unmitigatedGaps: string[];
    mitigations: { factor: string; text: string; workPackage: string | null }[];
    decidedBy: string;
    /** Local date of the last change, YYYY-MM-DD. */
    date: string;
  }[];
}
export interface SkillsCostsData {
  people: number;
  gaps: {
    skill: string;
    target: number;
    best: number;
    /** People at or above the target. */
    meeting: number;
    gap: number;
    workPackage: string | null;
  }[];
  costs: { option: string; environment: string; monthly: number; currency: string; note: string | null }[];
  totals: {
    option: string;
    currency: string;
    monthly: number;
    annual: number;
    /** The room's Cost votes on this option per view, as voted (1 = low cost … 3 = high cost). */
    votes: { view: string; mean: number | null; count: number }[];
  }[];
}
export interface ArchitectureData {
  environments: {
    key: string;
    name: string;
    tier: string;
    availability: string | null;
    rpoMinutes: number | null;
    rtoMinutes: number | null;
    regions: string[];
    components: {
      key: string;
      kind: string;
      product: string;
      count: number | null;
      notes: string | null;
      /** How many line items map onto this component. */
      items: number;
    }[];
  }[];
  /** Line items mapped onto components, as `environment.component`. */
  itemLinks: { kind: string; text: string; components: string[] }[];
}
export interface SizingTopic {
  name: string;
  partitions: number;
  partitionsDecidedBy: string;
  replicationFactor: number;
  retentionHours: number;
  format: string | null;
  peakMessagesPerSecond: number;
  ingressMBps: number;
  storageGB: number;
  networkInMBps: number;
  networkOutMBps: number;
  consumerGroups: string[];
}
export interface SizingUseCase {
  key: string;
  title: string;
  delivery: string;
  producers: {
    key: string;
    topic: string;
    peakMessagesPerSecond: number;
    messageBytes: number;
    /** The record key's name ("customerId"), when keyed. */
    messageKey: string | null;
  }[];
  consumers: { key: string; group: string; topic: string }[];
  topics: SizingTopic[];
  brokers: number;
  brokersDecidedBy: string;
  storageGB: number;
  networkMBps: number;
  hotPartitions: { topic: string; partitions: number; hottest: number; maxShare: number; skew: number }[];
  clientSettings: { scope: string; name: string; value: string; why: string }[];
  warnings: string[];
  advice: string[];
}
export interface SizingData {
  useCases: SizingUseCase[];
}

/**
 * Every section and its data, in report order. Adding a key here makes `tsc` list each place that
 * must handle it: the renderer registry (sections.ts) and the loader registry (services/report.ts).
 */
export interface ReportSectionData {
  summary: SummaryData;
  agenda: AgendaData;
  outputs: OutputsData;
  lineItems: LineItemsData;
  raid: RaidData;
  scorecard: ScorecardData;
  swot: SwotData;
  decisions: DecisionsData;
  skillsCosts: SkillsCostsData;
  dora: DoraData;
  architecture: ArchitectureData;
  sizing: SizingData;
  roadmap: RoadmapData;
  nextSteps: NextStepsData;
  feedback: FeedbackData;
}
export type SectionKey = keyof ReportSectionData;

export type ReportSections = { [K in SectionKey]: Loaded<ReportSectionData[K]> };

export interface ReportModel {
  workshop: ReportWorkshop;
  /** The local date the report describes (today line, "as of"); passed in, never read from a clock here. */
  asOf: string;
  sections: ReportSections;
}
