import eda from "./eda-kafka-2day.json" with { type: "json" };

export interface TemplateSession {
  start: string;
  end: string;
  kind: "session" | "break";
  title: string;
  topics: string[];
  outputs: string[];
}

export interface ScorecardFactor {
  name: string;
  polarity: "higher-is-better" | "lower-is-better";
}

export interface WorkshopTemplate {
  id: string;
  name: string;
  description: string;
  days: { day: number; sessions: TemplateSession[] }[];
  scorecard: { options: string[]; scale: string[]; factors: ScorecardFactor[] };
  fourKeyMetrics: string[];
}

/** Product data: the workshop templates Baton ships with, by id. */
export const TEMPLATES: Readonly<Record<string, WorkshopTemplate>> = {
  [eda.id]: eda as WorkshopTemplate,
};

export const DEFAULT_TEMPLATE_ID = "eda-kafka-2day";
export const TEMPLATE_IDS = Object.keys(TEMPLATES) as [string, ...string[]];
