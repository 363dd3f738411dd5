import { z } from "@hono/zod-openapi";
import { DEFAULT_WORKDAYS } from "../domain/plan/calendar.js";
import { isKnownHolidayRegion } from "../domain/plan/public-holidays.js";
import { LINK_TYPES } from "../domain/plan/types.js";
import { Actor } from "./actor.js";

/** Sizes a plan may have: far beyond a statement of work, small enough to schedule in well under a second. */
export const PLAN_LIMITS = {
  workPackages: 20_000,
  links: 100_000,
  linksPerPackage: 1_000,
  durationDays: 10_000,
  lagDays: 10_000,
  holidays: 5_000,
} as const;

/** Slug-like: lowercase letters, digits, `-` and `_`, starting with a letter or digit, at most 64 characters. */
export const WORK_PACKAGE_KEY_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const WorkPackageKey = z
  .string()
  .regex(WORK_PACKAGE_KEY_RE, {
    message: "must be 1–64 lowercase letters, digits, - or _, starting with a letter or digit",
  })
  .openapi({ example: "design", description: "Unique within the plan; used in URLs and links" });

const IsoDate = z.iso.date();

export const LinkType = z.enum(LINK_TYPES).openapi({
  description:
    "FS finish-to-start, SS start-to-start, FF finish-to-finish, SF start-to-finish (predecessor first)",
});

export const LinkInput = z
  .strictObject({
    key: WorkPackageKey.openapi({ description: "The predecessor" }),
    type: LinkType.default("FS"),
    lagDays: z
      .number()
      .int()
      .min(-PLAN_LIMITS.lagDays)
      .max(PLAN_LIMITS.lagDays)
      .default(0)
      .openapi({ description: "Working days; negative is a lead (overlap)", example: 1 }),
  })
  .openapi("PlanLinkInput");
export type LinkInput = z.infer<typeof LinkInput>;

export const DependsOn = z
  .array(
    z.union([WorkPackageKey, LinkInput], {
      error: "expected a work package key or an object {key, type, lagDays}",
    }),
  )
  .max(PLAN_LIMITS.linksPerPackage)
  .openapi({ description: "A bare key is finish-to-start with no lag" });

const Text = (max: number) => z.string().trim().min(1).max(max);

const workPackageFields = {
  title: Text(300).openapi({ example: "Design" }),
  durationDays: z
    .number()
    .int()
    .min(0)
    .max(PLAN_LIMITS.durationDays)
    .openapi({ description: "Working days; 0 is a milestone", example: 3 }),
  dependsOn: DependsOn.default([]),
  owner: Text(200).optional().openapi({ example: "platform team" }),
  phase: Text(200).optional().openapi({ description: "Groups the roadmap", example: "Discover" }),
  deadline: IsoDate.optional().openapi({
    description: "Finish on or before this date. Never moves dates: a missed deadline gives negative float.",
  }),
};

export const WorkPackageInput = z
  .strictObject({ key: WorkPackageKey, ...workPackageFields })
  .openapi("WorkPackageInput");
export type WorkPackageInput = z.infer<typeof WorkPackageInput>;

/** `POST …/plan/work-packages/{key}`: the key is in the path. */
const actingFor = {
  actor: Actor.optional().openapi({ description: "Bots: the chat person making the change (a facilitator)" }),
};

export const NewWorkPackage = z
  .strictObject({ ...workPackageFields, ...actingFor })
  .openapi("NewWorkPackage");
export type NewWorkPackage = z.infer<typeof NewWorkPackage>;

/** `PATCH …/plan/work-packages/{key}`: the fields to change; `null` clears owner, phase or deadline. */
export const WorkPackagePatch = z
  .strictObject({
    title: workPackageFields.title.optional(),
    durationDays: workPackageFields.durationDays.optional(),
    dependsOn: DependsOn.optional().openapi({ description: "Replaces the package's links" }),
    owner: Text(200).nullable().optional(),
    phase: Text(200).nullable().optional(),
    deadline: IsoDate.nullable().optional(),
    ...actingFor,
  })
  .openapi("WorkPackagePatch");
export type WorkPackagePatch = z.infer<typeof WorkPackagePatch>;

export const PlanCalendarInput = z
  .strictObject({
    start: IsoDate.openapi({
      example: "2025-03-03",
      description: "Day 0 is this date, or the first working day after it",
    }),
    workdays: z
      .array(z.number().int().min(1).max(7))
      .min(1, { message: "a calendar needs at least one working day" })
      .max(7)
      .refine((days) => new Set(days).size === days.length, { message: "each weekday at most once" })
      .default([...DEFAULT_WORKDAYS])
      .openapi({ description: "ISO weekdays, 1 = Monday … 7 = Sunday", example: [1, 2, 3, 4, 5] }),
    holidays: z
      .array(IsoDate)
      .max(PLAN_LIMITS.holidays)
      .default([])
      .openapi({ example: ["2025-03-07"], description: "Dates that are not working days" }),
    country: z
      .string()
      .refine(isKnownHolidayRegion, {
        error: (iss) =>
          `unknown holiday region ${JSON.stringify(iss.input)}: an ISO 3166 country code (GB) or a country and subdivision (DE-BY)`,
      })
      .optional()
      .openapi({
        example: "GB-ENG",
        description:
          "Also skip this country's (or subdivision's) public holidays, from the date-holidays library",
      }),
  })
  .openapi("PlanCalendarInput");

export const PutPlan = z
  .strictObject({
    calendar: PlanCalendarInput,
    deadline: IsoDate.optional().openapi({
      description: "Every work package finishes on or before this date",
    }),
    workPackages: z.array(WorkPackageInput).max(PLAN_LIMITS.workPackages),
    ...actingFor,
  })
  .superRefine((plan, ctx) => {
    const links = plan.workPackages.reduce((n, w) => n + w.dependsOn.length, 0);
    if (links > PLAN_LIMITS.links) {
      ctx.addIssue({
        code: "custom",
        path: ["workPackages"],
        message: `at most ${PLAN_LIMITS.links} links in all; this plan has ${links}`,
      });
    }
  })
  .openapi("PutPlan");
export type PutPlan = z.infer<typeof PutPlan>;

export const PlanLink = z
  .object({ key: z.string(), type: LinkType, lagDays: z.number().int() })
  .openapi("PlanLink");

export const ScheduledWorkPackage = z
  .object({
    key: z.string(),
    title: z.string(),
    durationDays: z.number().int(),
    earlyStart: IsoDate.openapi({ description: "First working day, at the earliest" }),
    earlyFinish: IsoDate.openapi({ description: "Last working day (inclusive); a milestone's own day" }),
    lateStart: IsoDate,
    lateFinish: IsoDate,
    totalFloat: z.number().int().openapi({
      description:
        "Working days it may slip without moving the finish; negative: behind a deadline by that much",
    }),
    freeFloat: z
      .number()
      .int()
      .openapi({ description: "Working days it may slip without moving any successor" }),
    critical: z.boolean().openapi({ description: "totalFloat ≤ 0" }),
    dependsOn: z.array(PlanLink),
    owner: z.string().nullable(),
    phase: z.string().nullable(),
    deadline: IsoDate.nullable(),
  })
  .openapi("ScheduledWorkPackage");

export const Plan = z
  .object({
    workshopId: z.uuid(),
    version: z.number().int().openapi({ description: "Goes up by one with every change" }),
    updatedAt: z.iso.datetime(),
    calendar: z.object({
      start: IsoDate,
      workdays: z.array(z.number().int()),
      holidays: z.array(IsoDate),
      country: z.string().nullable(),
    }),
    start: IsoDate.openapi({ description: "Working day 0" }),
    finish: IsoDate.openapi({ description: "The plan's last working day" }),
    deadline: IsoDate.nullable(),
    criticalPath: z.array(z.string()).openapi({
      description: "Keys of the critical work packages, by early start then dependency order",
    }),
    workPackages: z.array(ScheduledWorkPackage),
  })
  .openapi("Plan");
export type Plan = z.infer<typeof Plan>;

export const NonWorkingDay = z
  .object({
    date: IsoDate,
    reason: z.enum(["notAWorkday", "holiday", "publicHoliday"]),
    name: z.string().optional().openapi({ description: "The public holiday's name" }),
  })
  .openapi("NonWorkingDay");

export const WhyStep = z
  .object({
    key: z.string(),
    title: z.string(),
    durationDays: z.number().int(),
    earlyStart: IsoDate,
    earlyFinish: IsoDate,
    drivenBy: PlanLink.nullable().openapi({
      description: "The link that set the start; null: the plan's start",
    }),
    explanation: z.string(),
    nonWorkingDays: z.array(NonWorkingDay).openapi({
      description: "Calendar days skipped between the driving date and this one",
    }),
  })
  .openapi("WhyStep");

export const PlanWhy = z
  .object({
    key: z.string(),
    earlyStart: IsoDate,
    chain: z.array(WhyStep).openapi({ description: "From the package the plan's start sets to this one" }),
  })
  .openapi("PlanWhy");

export const ROADMAP_FORMATS = ["json", "csv", "md", "mermaid", "ics"] as const;
export type RoadmapFormat = (typeof ROADMAP_FORMATS)[number];

export const RoadmapQuery = z.object({
  format: z.enum(ROADMAP_FORMATS).default("json"),
  groupBy: z
    .enum(["phase", "owner"])
    .default("phase")
    .openapi({ description: "Sections of the Markdown and Mermaid formats" }),
});
