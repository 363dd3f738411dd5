import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { validationError } from "../errors.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors } from "../schemas/common.js";
import {
  ChangeBatch,
  ChangeInput,
  DeploymentBatch,
  DeploymentInput,
  Explain,
  ExplainQuery,
  IncidentBatch,
  IncidentInput,
  IngestResult,
  MAX_BATCH_ITEMS,
  Metrics,
  MetricsQuery,
} from "../schemas/dora.js";
import { explainMetric } from "../services/dora-explain.js";
import { type IngestKind, ingest } from "../services/dora-ingest.js";
import { getMetrics } from "../services/dora-metrics.js";

const IngestQuery = z.strictObject({
  orgId: z
    .uuid()
    .optional()
    .openapi({
      description:
        "Admin only: the organisation the data belongs to (required while there are several); an ingest token " +
        "writes to its own",
    }),
});

const ingestDescription = (kind: string) =>
  `One ${kind.replace(/s$/, "")} object, or \`{"items": [...]}\` with up to ${MAX_BATCH_ITEMS.toLocaleString("en")} of them. ` +
  "Upserted by `id` within the caller's organisation (another organisation's record with the same id is " +
  "another record): sending an item again changes nothing (`unchanged`), sending it with other fields replaces it. " +
  "A batch is all or nothing: one invalid item refuses the whole batch with a 400 naming it (`items.123.deployedAt`). " +
  "Bodies up to the ingest limit (16 MiB by default) are accepted.";

function ingestRoute<T extends z.ZodType, B extends z.ZodType>(kind: IngestKind, item: T, batch: B) {
  return createRoute({
    method: "post",
    path: `/dora/${kind}`,
    tags: ["four keys"],
    summary: `Ingest ${kind} (ingest)`,
    description: ingestDescription(kind),
    security: bearer,
    middleware: [requireRole("ingest")] as const,
    request: {
      query: IngestQuery,
      body: {
        required: true,
        content: { "application/json": { schema: batch.or(item) } },
      },
    },
    responses: {
      200: { description: "Upserted", content: { "application/json": { schema: IngestResult } } },
      400: errors[400],
      404: errors[404],
      413: errors[413],
      ...authErrors,
    },
  });
}

const changes = ingestRoute("changes", ChangeInput, ChangeBatch);
const deployments = ingestRoute("deployments", DeploymentInput, DeploymentBatch);
const incidents = ingestRoute("incidents", IncidentInput, IncidentBatch);

/**
 * A body that fits neither form fails as one opaque union issue. Report the issues of the form it was
 * meant to be instead (an object with `items` is a batch), so the 400 names the field at fault.
 */
function preciseUnion(result: { success: boolean; error?: z.ZodError }): undefined {
  if (result.success || !result.error) return undefined;
  const issues = result.error.issues.flatMap((issue): z.core.$ZodIssue[] => {
    if (issue.code !== "invalid_union" || issue.path.length > 0) return [issue];
    const [asBatch = [], asItem = []] = issue.errors;
    if (asBatch.some((e) => e.code === "invalid_type" && e.path.length === 0)) {
      return [
        { code: "custom", path: [], message: 'expected one object or {"items": [...]}', input: undefined },
      ];
    }
    const noItems = asBatch.some(
      (e) => e.code === "invalid_type" && e.path.length === 1 && e.path[0] === "items",
    );
    return noItems ? asItem : asBatch;
  });
  throw validationError(issues);
}

const metrics = createRoute({
  method: "get",
  path: "/dora/metrics",
  tags: ["four keys"],
  summary: "The four key metrics over a window, with tiers (pm, facilitator, bot)",
  description:
    "Definitions: DESIGN section 7 and docs/dora.md. Window `[from, to)`; only successful deployments to " +
    "`environment` count. Each figure carries its sample counts and what was left out; a figure with no data " +
    "is null with a `reason` and no tier. `groupBy=service` adds a row per service, `interval` a trend series, " +
    "`workshopId` the room's survey baseline.",
  security: bearer,
  middleware: [requireRole("pm", "facilitator", "bot")] as const,
  request: { query: MetricsQuery },
  responses: {
    200: { description: "The figures", content: { "application/json": { schema: Metrics } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const explain = createRoute({
  method: "get",
  path: "/dora/metrics/explain",
  tags: ["four keys"],
  summary: "The samples behind one figure, a page at a time (pm, facilitator, bot)",
  description:
    "Same window parameters as `GET /v1/dora/metrics`. Deployments for deploymentFrequency and " +
    "changeFailureRate, (deployment, change) pairs for leadTimeForChanges, incidents for timeToRestore; each " +
    "says whether it counted and, if not, why.",
  security: bearer,
  middleware: [requireRole("pm", "facilitator", "bot")] as const,
  request: { query: ExplainQuery },
  responses: {
    200: { description: "A page of samples", content: { "application/json": { schema: Explain } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

/** The items of a body that is one item or `{items: [...]}`. */
function itemsOf<T>(body: T | { items: T[] }): T[] {
  return typeof body === "object" && body !== null && "items" in body ? body.items : [body];
}

export const doraRoutes = createRouter()
  .openapi(
    changes,
    async (c) =>
      c.json(
        await ingest(serviceContext(c), {
          kind: "changes",
          orgId: c.req.valid("query").orgId,
          items: itemsOf(c.req.valid("json")),
          requestId: c.var.requestId,
        }),
        200,
      ),
    preciseUnion,
  )
  .openapi(
    deployments,
    async (c) =>
      c.json(
        await ingest(serviceContext(c), {
          kind: "deployments",
          orgId: c.req.valid("query").orgId,
          items: itemsOf(c.req.valid("json")),
          requestId: c.var.requestId,
        }),
        200,
      ),
    preciseUnion,
  )
  .openapi(
    incidents,
    async (c) =>
      c.json(
        await ingest(serviceContext(c), {
          kind: "incidents",
          orgId: c.req.valid("query").orgId,
          items: itemsOf(c.req.valid("json")),
          requestId: c.var.requestId,
        }),
        200,
      ),
    preciseUnion,
  )
  .openapi(metrics, async (c) => c.json(await getMetrics(serviceContext(c), c.req.valid("query")), 200))
  .openapi(explain, async (c) => c.json(await explainMetric(serviceContext(c), c.req.valid("query")), 200));
