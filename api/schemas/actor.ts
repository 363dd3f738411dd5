import { z } from "@hono/zod-openapi";

export const Platform = z
  .enum(["slack", "teams", "console", "api"])
  .openapi({ description: "Where the person is" });

export const Actor = z
  .strictObject({
    platform: Platform,
    userId: z.string().min(1).max(200),
    displayName: z.string().max(200).default(""),
    workspaceId: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({
        description:
          "The chat workspace the person belongs to: Slack `team_id`, Teams tenant id. A workspace another " +
          "organisation owns (or one the workshop's organisation does not list, when it lists any) gets 404.",
        example: "T0123ABCD",
      }),
  })
  .openapi("Actor", {
    description: "The person on whose behalf a bot acts. Only `bot` tokens may name one; others get 403.",
  });
export type Actor = z.infer<typeof Actor>;
