import { z } from "@hono/zod-openapi";

// The parts of GitHub's webhook payloads Baton reads; everything else GitHub sends is ignored.

const Timestamp = z.iso.datetime({ offset: true });
const Repository = z.object({
  full_name: z.string().min(1).max(200),
  default_branch: z.string().optional(),
  pushed_at: z.union([z.number(), z.string(), z.null()]).optional(),
});

export const PushEvent = z.object({
  ref: z.string(),
  deleted: z.boolean().optional(),
  repository: Repository,
  commits: z.array(z.object({ id: z.string().regex(/^[0-9a-fA-F]{7,64}$/), timestamp: Timestamp })).max(5000),
});

export const DeploymentStatusEvent = z.object({
  deployment_status: z.object({ state: z.string(), created_at: Timestamp }),
  deployment: z.object({ id: z.number().int(), sha: z.string(), environment: z.string().min(1).max(100) }),
  repository: Repository,
});

export const IssuesEvent = z.object({
  action: z.string(),
  issue: z.object({
    number: z.number().int(),
    state: z.string(),
    created_at: Timestamp,
    closed_at: Timestamp.nullable(),
    body: z.string().nullable().optional(),
    labels: z.array(z.object({ name: z.string() })),
  }),
  repository: Repository,
});

export const GithubWebhookResult = z
  .object({
    delivery: z.string(),
    event: z.string(),
    duplicate: z.boolean().openapi({ description: "This delivery was processed before; nothing changed" }),
    outcome: z.string().openapi({ description: "What the delivery did, for GitHub's delivery log" }),
    changes: z.number().int().optional(),
    deploymentId: z.string().optional(),
    linkedChanges: z.number().int().optional(),
    incidentId: z.string().optional(),
    rootCauseChangeId: z.string().nullable().optional(),
  })
  .openapi("GithubWebhookResult");
export type GithubWebhookResult = z.infer<typeof GithubWebhookResult>;
