import { z } from "@hono/zod-openapi";
import { ROLES } from "../../db/schema/api-tokens.js";

export const Role = z.enum(ROLES).openapi({ description: "What the token may do" });

export const CreateToken = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .openapi({ example: "slack-bot", description: "Unique, for people to tell tokens apart" }),
    role: Role,
    orgId: z
      .uuid()
      .nullable()
      .optional()
      .openapi({
        description:
          "The organisation the token works in. Required for every role but `admin` (which is platform-wide) " +
          "unless there is only one organisation. `null` with role `bot`: a platform-wide bot (the chat bots), " +
          "limited by the workspaces of the people it acts for.",
      }),
    workshopId: z.uuid().optional().openapi({
      description: "Narrows the token to this one workshop of its organisation (e.g. a client's PM)",
    }),
  })
  .openapi("CreateToken");
export type CreateToken = z.infer<typeof CreateToken>;

export const Token = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: Role,
    orgId: z.uuid().nullable().openapi({ description: "null: platform-wide (admin, the chat bots)" }),
    workshopId: z.uuid().nullable().openapi({ description: "The one workshop it is limited to, if any" }),
    prefix: z.string().openapi({ description: "The first characters of the secret" }),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso
      .datetime()
      .nullable()
      .openapi({
        description:
          "When it stops working; null: never. Set on each `npm start` process's own bot token " +
          "(`in-process bot <host>/<pid>/…`), which the process keeps pushing forward while it runs",
      }),
  })
  .openapi("Token");
export type Token = z.infer<typeof Token>;

export const CreatedToken = Token.extend({
  token: z.string().openapi({ description: "The secret. Shown this once; only its hash is stored." }),
}).openapi("CreatedToken");
export type CreatedToken = z.infer<typeof CreatedToken>;
