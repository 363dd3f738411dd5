import { z } from "@hono/zod-openapi";
import { Actor } from "./agenda.js";
import { LineItem } from "./line-item.js";

export const ReviewAction = z.enum(["validate", "invalidate", "defer"]).openapi({ example: "validate" });
export type ReviewAction = z.infer<typeof ReviewAction>;

export const RecordReview = z
  .strictObject({
    outcome: ReviewAction.openapi({
      description:
        "`validate` → status validated, `invalidate` → invalidated, `defer` → stays open for a later review",
    }),
    actor: Actor.optional().openapi({
      description: "Required for bot tokens: a facilitator of the workshop",
    }),
  })
  .openapi("RecordReview");
export type RecordReview = z.infer<typeof RecordReview>;

export const ReviewQueue = z
  .object({
    workshopId: z.uuid(),
    items: z.array(LineItem).openapi({ description: "Open assumptions and risks, in register order" }),
    counts: z.object({
      pending: z.number().int().openapi({ description: "Open and never reviewed" }),
      deferred: z.number().int(),
      validated: z.number().int(),
      invalidated: z.number().int(),
    }),
  })
  .openapi("ReviewQueue");
export type ReviewQueue = z.infer<typeof ReviewQueue>;
