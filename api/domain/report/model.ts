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

/* The artefacts other parts of Baton capture (the room's outputs, the RAID register, SWOT, decisions,
 * environments, sizing). Their shapes follow the API's answers; their loaders fill them in once the
 * services exist. */

export interface OutputsData {
  outputs: { session: string; title: string; status: "open" | "draft" | "done"; evidence: string }[];
}
export interface RaidData {
  items: {
    kind: string;
    text: string;
    owner: string | null;
    dueDate: string | null;
    status: string;
    likelihood: number | null;
    impact: number | null;
  }[];
}
export interface SwotData {
  options: {
    option: string;
    strength: string[];
    weakness: string[];
    opportunity: string[];
    threat: string[];
  }[];
}
export interface DecisionsData {
  decisions: {
    view: string;
    option: string;
    recommended: string | null;
    accepted: boolean;
    rationale: string;
    conditions: string[];
    mitigations: { factor: string; text: string; workPackage: string | null }[];
  }[];
}
export interface SkillsCostsData {
  gaps: { skill: string; target: number; best: number; gap: number }[];
  costs: { option: string; environment: string; monthly: number; currency: string }[];
}
export interface ArchitectureData {
  environments: {
    key: string;
    name: string;
    tier: string;
    regions: string[];
    components: { key: string; kind: string; product: string; count: number | null }[];
  }[];
}
export interface SizingData {
  useCases: {
    key: string;
    title: string;
    brokers: number;
    brokersDecidedBy: string;
    topics: { name: string; partitions: number; storageGB: number; ingressMBps: number }[];
  }[];
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
