import type { LineItemView } from "./poll-types.js";

/**
 * The parts of the API's outputs, review, SWOT, decisions, skills, costs, use-case, sizing, feedback and share-link
 * answers the chat core reads (schemas `Output`, `ReviewQueue`, `Swot`, `Decision`, `Sizing`,
 * `FeedbackSummary`, `CreatedShareLink`), written out because bot/core may not import the API's
 * internals. The API client assigns the typed JSON to these, so tsc checks the two agree.
 */

export type OutputStatus = "open" | "draft" | "done";

export interface OutputView {
  id: string;
  sessionId: string;
  sessionTitle: string;
  day: number;
  title: string;
  status: OutputStatus;
  evidence: {
    items: number;
    reviewed: number;
    polls: number;
    decisions: number;
    workPackages: number;
    useCases: number;
  };
}

export type ReviewOutcome = "validate" | "invalidate" | "defer";

export interface ReviewQueueView {
  workshopId: string;
  items: LineItemView[];
  counts: { pending: number; deferred: number; validated: number; invalidated: number };
}

export type SwotQuadrant = "strength" | "weakness" | "opportunity" | "threat";

export interface SwotEntryView {
  id: string;
  option: string;
  quadrant: SwotQuadrant;
  text: string;
  author: { displayName: string; userId: string };
}

export interface SwotView {
  workshopId: string;
  options: ({ option: string; label: string } & Record<SwotQuadrant, SwotEntryView[]>)[];
}

export interface DecisionView {
  view: string;
  option: string;
  optionLabel: string;
  rationale: string;
  conditions: string[];
  mitigations: { factor: string; text: string; workPackage: string | null }[];
  recommended: string[];
  accepted: boolean;
  unmitigatedGaps: string[];
}

/** A decision as chat records it; conditions and mitigations are kept from an earlier one. */
export interface NewDecision {
  option: string;
  rationale: string;
  conditions: string[];
  mitigations: { factor: string; text: string; workPackage?: string }[];
}

export interface SkillsView {
  people: { name: string; role: string | null }[];
  skills: string[];
  target: Record<string, number>;
  gaps: {
    skill: string;
    target: number;
    best: number;
    meeting: number;
    gap: number;
    shortfalls: { name: string; level: number; short: number }[];
  }[];
}

export interface CostsView {
  totals: {
    option: string;
    label: string;
    currency: string;
    monthly: number;
    annual: number;
    byEnvironment: { environment: string; monthly: number }[];
  }[];
}

export interface SessionFeedbackView {
  sessionId: string;
  title: string;
  state: "pending" | "running" | "paused" | "done" | "skipped";
  count: number;
  mean: number | null;
}

export type KeyDistribution = "uniform" | { zipf: number } | { sample: { key: string; weight: number }[] };

/** A use case as the chat captures it: one producer, one topic, its consumer groups. */
export interface NewUseCase {
  title: string;
  producers: {
    key: string;
    topic: string;
    messagesPerSecond: { avg: number; peak: number };
    messageBytes: number;
    messageKey?: { name: string; cardinality: number; distribution: KeyDistribution };
  }[];
  topics: { name: string; partitions?: number }[];
  consumers: { key: string; group: string; topic: string }[];
  failure: { delivery: "at-most-once" | "at-least-once" | "exactly-once" };
}

export interface SizingFigure {
  value: number;
  decidedBy: string;
}

export interface SizingView {
  useCase: string;
  topics: {
    name: string;
    ingressMBps: number;
    partitions: SizingFigure;
    storageGB: SizingFigure;
  }[];
  cluster: { storageGB: number; networkMBps: number; brokers: SizingFigure };
  hotPartitions: {
    topic: string;
    partitions: number;
    idealShare: number;
    maxShare: number;
    warnings: string[];
    advice: string[];
  }[];
  warnings: string[];
}

export interface ShareLinkView {
  id: string;
  /** The web view, `…/w/<secret>`; the PDF is `<url>/report.pdf`. */
  url: string;
}
