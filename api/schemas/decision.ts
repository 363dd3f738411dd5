import { z } from "@hono/zod-openapi";
import { Actor } from "./agenda.js";
import { WorkPackageKey } from "./plan.js";

const Text = (max: number) => z.string().trim().min(1).max(max);

export const DecisionMitigation = z
  .strictObject({
    factor: z
      .string()
      .min(1)
      .max(40)
      .openapi({ description: "The scorecard factor (gap) it mitigates", example: "cost" }),
    text: Text(1000).openapi({ example: "Reserved instances for the brokers" }),
    workPackage: WorkPackageKey.optional().openapi({
      description:
        "A plan work package that carries it out: linked when the plan has it, else added (5 working days, " +
        "titled after the mitigation; a plan is started on the workshop's start date if there is none)",
    }),
  })
  .openapi("DecisionMitigation");

export const PutDecision = z
  .strictObject({
    option: z
      .string()
      .min(1)
      .max(40)
      .openapi({ description: "The chosen scorecard option's key", example: "aws-msk" }),
    rationale: Text(4000).openapi({ example: "the team runs everything else on AWS" }),
    conditions: z.array(Text(1000)).max(50).default([]),
    mitigations: z.array(DecisionMitigation).max(50).default([]),
    actor: Actor.optional().openapi({
      description: "Required for bot tokens: a facilitator of the workshop",
    }),
  })
  .openapi("PutDecision");
export type PutDecision = z.infer<typeof PutDecision>;

export const Decision = z
  .object({
    workshopId: z.uuid(),
    view: z.string().openapi({ example: "production" }),
    option: z.string(),
    optionLabel: z.string(),
    rationale: z.string(),
    conditions: z.array(z.string()),
    mitigations: z.array(
      z.object({
        factor: z.string(),
        factorName: z.string(),
        text: z.string(),
        workPackage: z.string().nullable(),
      }),
    ),
    recommended: z.array(z.string()).openapi({
      description:
        "The scorecard's recommended option(s) for this view when it was recorded; several when tied; empty before votes",
    }),
    accepted: z.boolean().openapi({ description: "The chosen option is the (or a tied) recommendation" }),
    gaps: z
      .array(z.string())
      .openapi({ description: "Factors where the chosen option scored below 2 when recorded" }),
    unmitigatedGaps: z.array(z.string()),
    sessionId: z.uuid().nullable(),
    decidedBy: z.string(),
    decidedByName: z.string(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Decision");
export type Decision = z.infer<typeof Decision>;

export const DecisionList = z.object({ decisions: z.array(Decision) }).openapi("DecisionList");

export const ViewParam = z.object({
  view: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,19}$/, { message: "a scorecard view name such as production or default" })
    .openapi({ param: { name: "view", in: "path" }, example: "production" }),
});

export const DecisionFormatQuery = z.object({
  format: z
    .enum(["json", "md"])
    .default("json")
    .openapi({
      param: { name: "format", in: "query" },
      description: "`md`: the decision as a MADR architecture decision record (text/markdown)",
    }),
});
