/**
 * The parts of the API's plan answer (`GET /v1/workshops/{id}/plan`, schema `Plan`) the chat core
 * reads, written out here because bot/core may not import the API's internals.
 */

export type PlanLinkType = "FS" | "SS" | "FF" | "SF";

export interface PlanLink {
  key: string;
  type: PlanLinkType;
  lagDays: number;
}

export interface PlanSummaryWorkPackage {
  key: string;
  title: string;
  durationDays: number;
  earlyStart: string;
  earlyFinish: string;
  totalFloat: number;
  critical: boolean;
  dependsOn: PlanLink[];
  owner: string | null;
  phase: string | null;
  deadline: string | null;
}

/** The working calendar: day 0 is `start` (or the next working day), ISO weekdays, skipped dates. */
export interface PlanCalendar {
  start: string;
  workdays: number[];
  holidays: string[];
  /** Also skip this country's (or subdivision's) public holidays: `GB`, `DE-BY`. */
  country: string | null;
}

export interface PlanSummary {
  calendar: PlanCalendar;
  start: string;
  finish: string;
  deadline: string | null;
  criticalPath: string[];
  workPackages: PlanSummaryWorkPackage[];
}

/** The body of `POST /v1/workshops/{id}/plan/work-packages/{key}`, with the key. */
export interface NewWorkPackage {
  key: string;
  title: string;
  durationDays: number;
  dependsOn: PlanLink[];
}

/** The body of `PATCH /v1/workshops/{id}/plan/work-packages/{key}`: only what changes. */
export interface WorkPackageChange {
  title?: string;
  durationDays?: number;
  dependsOn?: PlanLink[];
  owner?: string | null;
  phase?: string | null;
  deadline?: string | null;
}
