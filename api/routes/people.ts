import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors } from "../schemas/common.js";
import { ErasureResult, PersonExport, PersonRef } from "../schemas/people.js";
import { erasePerson, exportPerson } from "../services/people.js";

const path = "/people/{platform}/{workspaceId}/{userId}";

const exportRoute = createRoute({
  method: "get",
  path,
  tags: ["people"],
  summary: "Everything Baton holds about a person, as JSON (admin) — GDPR Art. 15",
  description:
    "Votes (anonymous polls' included: the server can still find them), feedback with comments, line " +
    "items they captured, facilitator roles, DORA quick-check answers, polls they launched, agenda moves, " +
    "channel bindings whose conversation reference names them, and the audit entries that name them.",
  security: bearer,
  middleware: [requireRole()] as const,
  request: { params: PersonRef },
  responses: {
    200: { description: "The export", content: { "application/json": { schema: PersonExport } } },
    400: errors[400],
    ...authErrors,
  },
});

const eraseRoute = createRoute({
  method: "delete",
  path,
  tags: ["people"],
  summary: "Erase a person (admin) — GDPR Art. 17; the room's results do not change",
  description:
    "Identifiers and free text the person wrote are removed: votes and ratings stay as anonymous tallies " +
    "(a random pseudonym per poll), names are blanked, feedback comments and the text of line items they " +
    "captured are removed, facilitator roles deleted, audit entries and Teams conversation references " +
    "scrubbed. The erasure is audited (`person.erase`) with counts only. Idempotent: erasing again changes nothing.",
  security: bearer,
  middleware: [requireRole()] as const,
  request: { params: PersonRef },
  responses: {
    200: { description: "Erased", content: { "application/json": { schema: ErasureResult } } },
    400: errors[400],
    ...authErrors,
  },
});

export const peopleRoutes = createRouter()
  .openapi(exportRoute, async (c) =>
    c.json(
      await exportPerson(serviceContext(c), { person: c.req.valid("param"), voterKeys: c.get("voterKeys") }),
      200,
    ),
  )
  .openapi(eraseRoute, async (c) =>
    c.json(
      await erasePerson(serviceContext(c), { person: c.req.valid("param"), voterKeys: c.get("voterKeys") }),
      200,
    ),
  );
