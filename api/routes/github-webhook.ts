import { createRoute, z } from "@hono/zod-openapi";
import { DomainError } from "../errors.js";
import { verifyGithubSignature } from "../lib/github-signature.js";
import { createRouter } from "../lib/router.js";
import { errors } from "../schemas/common.js";
import { GithubWebhookResult } from "../schemas/github.js";
import { resolveOrgId, SYSTEM_CALLER, webhookCaller } from "../services/context.js";
import { handleGithubDelivery } from "../services/github-webhook.js";

const receive = createRoute({
  method: "post",
  path: "/webhooks/github",
  tags: ["four keys"],
  summary: "GitHub webhook: push, deployment_status and issues become changes, deployments and incidents",
  description:
    "Authenticated by `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with `GITHUB_WEBHOOK_SECRET`), not " +
    "by a bearer token. Needs `X-GitHub-Event` and `X-GitHub-Delivery`; a delivery id seen before changes " +
    "nothing. Content type `application/json` or `application/x-www-form-urlencoded` (`payload=`). Other " +
    "events are acknowledged and ignored. The data goes to the organisation `orgId` (leave it out while " +
    "there is only one). Mapping: docs/dora.md.",
  request: {
    query: z.object({
      orgId: z.string().uuid().optional().openapi({
        description: "The organisation the repository's four-key data belongs to; required with several",
      }),
    }),
  },
  responses: {
    200: {
      description: "Processed, ignored, or a redelivery",
      content: { "application/json": { schema: GithubWebhookResult } },
    },
    400: errors[400],
    401: {
      description: "Missing or wrong signature",
      content: errors[400].content,
    },
    404: errors[404],
    413: errors[413],
    503: { description: "GITHUB_WEBHOOK_SECRET is not configured", content: errors[503].content },
  },
});

function refuse(path: string, message: string): DomainError {
  return new DomainError("VALIDATION", `Invalid request: ${path}: ${message}`, [{ path, message }]);
}

/** Mounted outside the bearer-authenticated `/v1` router: GitHub signs its deliveries instead. */
export const githubWebhookRoutes = createRouter().openapi(receive, async (c) => {
  const { deps } = c.var;
  const secret = deps.githubWebhookSecret;
  if (!secret) {
    throw new DomainError(
      "UNAVAILABLE",
      "GitHub webhooks are not configured on this server: set GITHUB_WEBHOOK_SECRET to the webhook's secret.",
    );
  }
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const signature = c.req.header("X-Hub-Signature-256");
  if (!signature) {
    throw new DomainError(
      "UNAUTHORIZED",
      "Missing X-Hub-Signature-256: configure the webhook with a secret.",
    );
  }
  if (!(await verifyGithubSignature(secret, raw, signature))) {
    throw new DomainError(
      "UNAUTHORIZED",
      "X-Hub-Signature-256 does not match the body and the configured secret.",
    );
  }
  const event = c.req.header("X-GitHub-Event")?.trim();
  const delivery = c.req.header("X-GitHub-Delivery")?.trim();
  if (!event) throw refuse("X-GitHub-Event", "missing");
  if (!delivery || delivery.length > 200)
    throw refuse("X-GitHub-Delivery", "missing or longer than 200 characters");
  const text = new TextDecoder().decode(raw);
  let payload: unknown;
  try {
    const form = (c.req.header("Content-Type") ?? "").startsWith("application/x-www-form-urlencoded");
    payload = JSON.parse(form ? (new URLSearchParams(text).get("payload") ?? "") : text);
  } catch {
    throw refuse("body", "not a JSON payload");
  }
  const base = {
    db: deps.database.db,
    database: deps.database,
    actor: null,
    now: deps.now(),
    log: c.var.log,
  };
  const orgId = await resolveOrgId({ ...base, caller: SYSTEM_CALLER }, c.req.valid("query").orgId);
  const ctx = { ...base, caller: webhookCaller(`github:${delivery}`, orgId) };
  const result = await handleGithubDelivery(ctx, { id: delivery, event, payload });
  c.var.log.info(
    { delivery, event, outcome: result.outcome, duplicate: result.duplicate },
    "github delivery",
  );
  return c.json(result, 200);
});
