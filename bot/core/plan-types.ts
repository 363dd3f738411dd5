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
}

export interface PlanSummary {
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
