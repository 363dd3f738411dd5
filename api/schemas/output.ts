import { z } from "@hono/zod-openapi";
import { OUTPUT_STATUSES } from "../../db/schema/workshop-outputs.js";
import { Actor } from "./agenda.js";

export const OutputStatus = z.enum(OUTPUT_STATUSES).openapi({ example: "draft" });
export type OutputStatus = z.infer<typeof OutputStatus>;

export const OutputEvidence = z
  .object({
    items: z.number().int().openapi({ description: "Line items captured in the output's session" }),
    reviewed: z
      .number()
      .int()
      .openapi({ description: "Of those, how many the day-2 review validated, invalidated or deferred" }),
    polls: z.number().int().openapi({ description: "Polls launched in the session" }),
    decisions: z.number().int().openapi({ description: "Decisions recorded while the session ran" }),
    workPackages: z.number().int().openapi({
      description: "The plan's work packages, for outputs about a plan, timeline or dependencies; else 0",
    }),
    useCases: z
      .number()
      .int()
      .openapi({ description: "Use cases modelled, for outputs about use cases or data flows; else 0" }),
  })
  .openapi("OutputEvidence");
export type OutputEvidence = z.infer<typeof OutputEvidence>;

export const Output = z
  .object({
    id: z.uuid(),
    workshopId: z.uuid(),
    sessionId: z.uuid(),
    sessionTitle: z.string(),
    day: z.number().int(),
    position: z.number().int().openapi({ description: "0-based order within its session" }),
    title: z.string(),
    status: OutputStatus,
    evidence: OutputEvidence,
    updatedBy: z.string().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Output");
export type Output = z.infer<typeof Output>;

export const OutputList = z.object({ outputs: z.array(Output) }).openapi("OutputList");

export const UpdateOutput = z
  .strictObject({
    status: OutputStatus,
    actor: Actor.optional().openapi({
      description: "Required for bot tokens: a facilitator of the workshop",
    }),
  })
  .openapi("UpdateOutput");
export type UpdateOutput = z.infer<typeof UpdateOutput>;

export const OutputIdParam = z.object({
  outputId: z.uuid().openapi({ param: { name: "outputId", in: "path" } }),
});
