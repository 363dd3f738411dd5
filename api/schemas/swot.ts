import { z } from "@hono/zod-openapi";
import { SWOT_QUADRANTS } from "../../db/schema/swot-entries.js";
import { Actor } from "./agenda.js";
import { Voter } from "./poll.js";

export const SwotQuadrant = z.enum(SWOT_QUADRANTS).openapi({ example: "strength" });

export const CreateSwotEntry = z
  .strictObject({
    option: z
      .string()
      .min(1)
      .max(40)
      .openapi({ description: "A scorecard option's key", example: "aws-msk" }),
    quadrant: SwotQuadrant,
    text: z.string().trim().min(1).max(1000).openapi({ example: "Managed brokers: no patching" }),
    actor: Actor.optional().openapi({ description: "Required for bot tokens: who said it" }),
  })
  .openapi("CreateSwotEntry");
export type CreateSwotEntry = z.infer<typeof CreateSwotEntry>;

export const SwotEntry = z
  .object({
    id: z.uuid(),
    option: z.string(),
    quadrant: SwotQuadrant,
    text: z.string(),
    author: Voter,
    sessionId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("SwotEntry");
export type SwotEntry = z.infer<typeof SwotEntry>;

export const SwotOption = z
  .object({
    option: z.string(),
    label: z.string(),
    strength: z.array(SwotEntry),
    weakness: z.array(SwotEntry),
    opportunity: z.array(SwotEntry),
    threat: z.array(SwotEntry),
  })
  .openapi("SwotOption");
export type SwotOption = z.infer<typeof SwotOption>;

export const Swot = z
  .object({
    workshopId: z.uuid(),
    options: z.array(SwotOption).openapi({ description: "Every scorecard option, in the scorecard's order" }),
  })
  .openapi("Swot");
export type Swot = z.infer<typeof Swot>;
