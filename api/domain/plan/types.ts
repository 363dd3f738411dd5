/**
 * The statement-of-work plan as plain data (DESIGN section 8). Durations and lags are in working
 * days; dates are ISO `YYYY-MM-DD` calendar dates.
 */

export const LINK_TYPES = ["FS", "SS", "FF", "SF"] as const;
/** Finish-to-start, start-to-start, finish-to-finish, start-to-finish (predecessor first). */
export type LinkType = (typeof LINK_TYPES)[number];

export interface LinkInput {
  key: string;
  type?: LinkType | undefined;
  /** Working days; negative is a lead (the successor may overlap). */
  lagDays?: number | undefined;
}

export interface WorkPackageInput {
  key: string;
  title: string;
  /** Working days; 0 is a milestone. */
  durationDays: number;
  /** A bare key is finish-to-start with no lag. */
  dependsOn?: ReadonlyArray<string | LinkInput> | undefined;
  owner?: string | null | undefined;
  phase?: string | null | undefined;
  /** Finish on or before this date; a deadline never moves dates, it lowers float. */
  deadline?: string | null | undefined;
}

export interface CalendarInput {
  /** Calendar date of day 0, or the first working day after it. */
  start: string;
  /** ISO weekdays that are working days, 1 = Monday … 7 = Sunday; Monday to Friday when absent. */
  workdays?: readonly number[] | undefined;
  /** Dates that are not working days. */
  holidays?: readonly string[] | undefined;
  /** Public holidays of a country (`GB`) or one of its subdivisions (`DE-BY`), also not working days. */
  country?: string | null | undefined;
}

export interface PlanInput {
  calendar: CalendarInput;
  /** Every work package finishes on or before this date. */
  deadline?: string | null | undefined;
  workPackages: readonly WorkPackageInput[];
}

/** A link after normalising: its type and lag are explicit and duplicates are merged. */
export interface Link {
  key: string;
  type: LinkType;
  lagDays: number;
}

export interface ScheduledWorkPackage {
  key: string;
  title: string;
  durationDays: number;
  earlyStart: string;
  earlyFinish: string;
  lateStart: string;
  lateFinish: string;
  /** Working days this package may slip without moving the plan's finish (or missing a deadline). */
  totalFloat: number;
  /** Working days it may slip without moving any successor or the plan's finish. */
  freeFloat: number;
  critical: boolean;
  dependsOn: Link[];
  owner: string | null;
  phase: string | null;
  deadline: string | null;
}

/** The calendar as scheduled: the input with its defaults filled in. */
export interface ScheduleCalendar {
  start: string;
  workdays: number[];
  holidays: string[];
  country: string | null;
}

export interface Schedule {
  calendar: ScheduleCalendar;
  /** The date of working day 0. */
  start: string;
  /** The last working day of the plan (the largest early finish, shown inclusive). */
  finish: string;
  deadline: string | null;
  /** Every critical work package (totalFloat ≤ 0), by early start, then topological order. */
  criticalPath: string[];
  workPackages: ScheduledWorkPackage[];
}

/** Something the plan's graph or dates make impossible; `path` points into the input. */
export interface PlanProblem {
  kind: "calendar" | "duplicateKey" | "unknownKey" | "selfDependency" | "cycle" | "horizon";
  path: string;
  message: string;
}
