import { z } from "@hono/zod-openapi";

export const CreateOrg = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: "Acme", description: "Unique" }),
    retentionDays: z.number().int().min(1).max(36_500).nullable().optional().openapi({
      description: "Purge workshops that ended longer ago than this many days; null or left out: keep them",
    }),
  })
  .openapi("CreateOrg");
export type CreateOrg = z.infer<typeof CreateOrg>;

export const ChatWorkspace = z
  .object({
    platform: z.enum(["slack", "teams"]).openapi({ description: "The chat platform" }),
    workspaceId: z.string().trim().min(1).max(200).openapi({
      description: "Slack `team_id` or Teams tenant id",
      example: "T0123ABCD",
    }),
  })
  .openapi("ChatWorkspace");
export type ChatWorkspace = z.infer<typeof ChatWorkspace>;

export const AddChatWorkspace = z
  .strictObject({ platform: ChatWorkspace.shape.platform, workspaceId: ChatWorkspace.shape.workspaceId })
  .openapi("AddChatWorkspace");
export type AddChatWorkspace = z.infer<typeof AddChatWorkspace>;

export const Org = z
  .object({
    id: z.uuid(),
    name: z.string(),
    retentionDays: z.number().int().nullable(),
    chatWorkspaces: z.array(ChatWorkspace),
    createdAt: z.iso.datetime(),
  })
  .openapi("Org");
export type Org = z.infer<typeof Org>;

export const OrgList = z.object({ orgs: z.array(Org) }).openapi("OrgList");
export type OrgList = z.infer<typeof OrgList>;
