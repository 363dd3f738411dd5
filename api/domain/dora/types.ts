import type { Interval, Weekday } from "./calendar.js";

/** A commit (or any unit of change) and when it was made. */
export interface Change {
  id: string;
  service: string;
  committedAt: Date;
}

/** A deployment and the changes it shipped. Only successful ones count towards the metrics. */
export interface Deployment {
  id: string;
  service: string;
  environment: string;
  status: "success" | "failure";
  deployedAt: Date;
  changeIds: string[];
}

/** An incident in production; `rootCauseChangeId` names the change that caused it, when known. */
export interface Incident {
  id: string;
  service: string;
  createdAt: Date;
  resolvedAt: Date | null;
  rootCauseChangeId: string | null;
}

export interface Dataset {
  changes: Change[];
  deployments: Deployment[];
  incidents: Incident[];
}

/** What one metrics request looks at. */
export interface MetricsScope {
  /** Window `[from, to)`. */
  from: Date;
  to: Date;
  timeZone: string;
  weekStart: Weekday;
  environment: string;
  /** Only this service (deployments by their service, incidents by theirs); null for all. */
  service: string | null;
  /** One row of figures per service as well as the total. */
  groupBy: "service" | null;
  /** A trend series of calendar weeks or months as well as the total. */
  interval: Interval | null;
}

/**
 * The aggregates both implementations produce (SQL for the product, `referenceRows` for tests), from
 * which `buildReport` computes every figure. Like SQL grouping sets, each row is for one service
 * (`group`) or for all (`null`), and for one period of the trend series (`period`, an index into
 * `periodsOf`) or for the whole window (`null`). The rows for all services over the whole window are
 * always there; the others only when `groupBy` or `interval` asks for them.
 */
export interface Grouping {
  group: string | null;
  period: number | null;
}

export interface DeployDayRow extends Grouping {
  /** Local date in the requested time zone. */
  day: string;
  deployments: number;
  /** Of those, deployments containing the root-cause change of at least one incident. */
  failed: number;
}

export interface LeadTimeRow extends Grouping {
  /** Samples with a positive lead time: the ones the median is taken over. */
  samples: number;
  /** Samples with a lead time ≤ 0 (committed at or after the deployment), left out and counted. */
  excluded: number;
  /** Changes a deployment names that were never ingested: no sample until they arrive. */
  missingChanges: number;
  medianMinutes: number | null;
}

export interface RestoreRow extends Grouping {
  resolved: number;
  open: number;
  withoutRootCause: number;
  /** Incidents whose root-cause change is in no successful deployment: they start at creation. */
  rootCauseNotDeployed: number;
  medianHours: number | null;
}

export interface MetricRows {
  days: DeployDayRow[];
  leadTimes: LeadTimeRow[];
  restores: RestoreRow[];
}

export type Tier = "elite" | "high" | "medium" | "low";
export type FrequencyBucket = "daily" | "weekly" | "monthly" | "yearly";

export interface DeploymentFrequency {
  deployments: number;
  deployDays: number;
  weeks: number;
  weeksWithDeployments: number;
  medianDeployDaysPerWeek: number;
  months: number;
  monthsWithDeployments: number;
  bucket: FrequencyBucket | null;
  tier: Tier | null;
  reason: string | null;
}

export interface LeadTimeForChanges {
  medianMinutes: number | null;
  samples: number;
  excluded: number;
  missingChanges: number;
  tier: Tier | null;
  reason: string | null;
}

export interface ChangeFailureRate {
  rate: number | null;
  failedDeployments: number;
  deployments: number;
  tier: Tier | null;
  reason: string | null;
}

export interface TimeToRestore {
  medianHours: number | null;
  resolved: number;
  open: number;
  withoutRootCause: number;
  rootCauseNotDeployed: number;
  tier: Tier | null;
  reason: string | null;
}

export interface FourKeys {
  deploymentFrequency: DeploymentFrequency;
  leadTimeForChanges: LeadTimeForChanges;
  changeFailureRate: ChangeFailureRate;
  timeToRestore: TimeToRestore;
}

export interface PeriodFigures extends FourKeys {
  from: string;
  to: string;
}

export interface ServiceFigures extends FourKeys {
  service: string;
  series?: PeriodFigures[];
}

export interface MetricsReport extends FourKeys {
  window: {
    from: string;
    to: string;
    timeZone: string;
    weekStart: Weekday;
    environment: string;
    service: string | null;
  };
  benchmark: { edition: string; source: string };
  series?: PeriodFigures[];
  services?: ServiceFigures[];
}
