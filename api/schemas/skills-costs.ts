import { z } from "@hono/zod-openapi";
import { Actor } from "./agenda.js";

const Name = z.string().trim().min(1).max(100);
const SkillKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: "1–40 lowercase letters, digits, - or _" })
  .openapi({ example: "kafka-ops" });
const Level = z
  .number()
  .int()
  .min(0)
  .max(3)
  .openapi({ description: "0 none, 1 aware, 2 practitioner, 3 expert" });

export const PutSkills = z
  .strictObject({
    people: z
      .array(z.strictObject({ name: Name, role: Name.optional() }))
      .max(200)
      .openapi({ example: [{ name: "Ana", role: "SRE" }] }),
    skills: z.array(SkillKey).max(100),
    levels: z
      .record(z.string(), z.record(z.string(), Level))
      .default({})
      .openapi({
        description: "By person's name, then skill key; a missing level is 0",
        example: { Ana: { "kafka-ops": 2 } },
      }),
    target: z
      .record(z.string(), Level)
      .default({})
      .openapi({ description: "By skill key; a missing target is 0" }),
    trainingWorkPackages: z.boolean().default(false).openapi({
      description:
        "Add (or link) a plan work package `training-<skill>` for each skill with a gap, 5 working days per level short",
    }),
    actor: Actor.optional().openapi({
      description: "Required for bot tokens: a facilitator of the workshop",
    }),
  })
  .openapi("PutSkills");
export type PutSkills = z.infer<typeof PutSkills>;

export const SkillGap = z
  .object({
    skill: z.string(),
    target: z.number().int(),
    best: z.number().int().openapi({ description: "The highest level anyone has" }),
    average: z.number().openapi({ description: "Mean level over all people (unrated counts as 0)" }),
    meeting: z.number().int().openapi({ description: "People at or above the target" }),
    gap: z.number().int().openapi({ description: "max(0, target − best)" }),
    shortfalls: z.array(z.object({ name: z.string(), level: z.number().int(), short: z.number().int() })),
    workPackage: z
      .string()
      .nullable()
      .openapi({ description: "The training work package, when one was asked for" }),
  })
  .openapi("SkillGap");

export const Skills = z
  .object({
    workshopId: z.uuid(),
    people: z.array(z.object({ name: z.string(), role: z.string().nullable() })),
    skills: z.array(z.string()),
    levels: z.record(z.string(), z.record(z.string(), z.number().int())),
    target: z.record(z.string(), z.number().int()),
    gaps: z.array(SkillGap),
    updatedAt: z.iso.datetime().nullable(),
  })
  .openapi("Skills");
export type Skills = z.infer<typeof Skills>;

export const PutCosts = z
  .strictObject({
    items: z
      .array(
        z.strictObject({
          option: z
            .string()
            .min(1)
            .max(40)
            .openapi({ description: "A scorecard option's key", example: "aws-msk" }),
          environment: Name.openapi({ example: "production" }),
          monthly: z
            .number()
            .min(0)
            .max(1e12)
            .openapi({ description: "Per month, in `currency`", example: 4200 }),
          currency: z
            .string()
            .regex(/^[A-Z]{3}$/, { message: "an ISO 4217 code such as EUR" })
            .openapi({ example: "EUR" }),
          note: z.string().trim().max(500).optional(),
        }),
      )
      .max(500),
    actor: Actor.optional().openapi({
      description: "Required for bot tokens: a facilitator of the workshop",
    }),
  })
  .openapi("PutCosts");
export type PutCosts = z.infer<typeof PutCosts>;

export const Costs = z
  .object({
    workshopId: z.uuid(),
    items: z.array(
      z.object({
        option: z.string(),
        environment: z.string(),
        monthly: z.number(),
        currency: z.string(),
        note: z.string().nullable(),
      }),
    ),
    totals: z.array(
      z.object({
        option: z.string(),
        label: z.string(),
        currency: z.string(),
        monthly: z.number(),
        annual: z.number(),
        byEnvironment: z.array(z.object({ environment: z.string(), monthly: z.number() })),
      }),
    ),
    costVotes: z
      .array(
        z.object({
          option: z.string(),
          view: z.string(),
          factor: z.string(),
          counts: z.record(z.string(), z.number().int()),
          votes: z.number().int(),
          mean: z.number().nullable().openapi({ description: "As voted: L = low cost 1 … H = high cost 3" }),
        }),
      )
      .openapi({
        description: "The room's Cost votes from the scorecard, beside the figures; empty while blind",
      }),
    updatedAt: z.iso.datetime().nullable(),
  })
  .openapi("Costs");
export type Costs = z.infer<typeof Costs>;
