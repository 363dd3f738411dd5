import { z } from "@hono/zod-openapi";
import { Actor } from "./agenda.js";
import { Workshop } from "./workshop.js";

export const ChannelParams = z.object({
  platform: z.enum(["slack", "teams", "console"]).openapi({ param: { name: "platform", in: "path" } }),
  channelId: z
    .string()
    .min(1)
    .max(500)
    .openapi({
      param: { name: "channelId", in: "path" },
      description: "Slack channel id, Teams conversation id, …",
    }),
});

export const BindChannel = z
  .strictObject({
    workshopId: z.uuid(),
    conversationRef: z.record(z.string(), z.unknown()).optional().openapi({
      description: "What the platform needs to post there later (Teams: the ConversationReference)",
    }),
    actor: Actor.optional(),
  })
  .openapi("BindChannel");
export type BindChannel = z.infer<typeof BindChannel>;

export const ChannelBinding = z
  .object({
    id: z.uuid(),
    platform: z.string(),
    channelId: z.string(),
    workshop: Workshop,
    createdAt: z.iso.datetime(),
  })
  .openapi("ChannelBinding");
export type ChannelBinding = z.infer<typeof ChannelBinding>;

export const AddFacilitator = z
  .strictObject({
    facilitator: Actor,
    actor: Actor.optional().openapi({
      description: "For bot tokens: an existing facilitator adding someone",
    }),
  })
  .openapi("AddFacilitator");

export const Facilitators = z.object({ facilitators: z.array(Actor) }).openapi("Facilitators");
