import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { AuditPage, ListAuditQuery } from "../schemas/audit.js";
import { authErrors, bearer, errors } from "../schemas/common.js";
import { listAudit } from "../services/audit-log.js";

const list = createRoute({
  method: "get",
  path: "/audit",
  tags: ["audit"],
  summary: "Who changed what: the audit log, oldest first, paginated (admin, facilitator)",
  description:
    "Every write leaves an entry naming the token that made the request (`tokenId`) and the person it " +
    "acted for (`person`, null when the token acted as itself): workshops, agenda moves, channel bindings, " +
    "facilitators, polls, votes (one entry per person per request; in anonymous polls without the values), " +
    "feedback (without the comment's text), line items, plans, roadmap feeds, tokens, four-key ingests, " +
    "deletions and erasures. Keep `nextCursor` to read only what was written since.",
  security: bearer,
  middleware: [requireRole("facilitator")] as const,
  request: { query: ListAuditQuery },
  responses: {
    200: { description: "A page of entries", content: { "application/json": { schema: AuditPage } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

export const auditRoutes = createRouter().openapi(list, async (c) =>
  c.json(await listAudit(serviceContext(c), c.req.valid("query")), 200),
);
