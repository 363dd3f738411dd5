import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import { AddChatWorkspace, CreateOrg, Org, OrgList } from "../schemas/org.js";
import { addChatWorkspace, createOrg, listOrgs } from "../services/orgs.js";

const create = createRoute({
  method: "post",
  path: "/orgs",
  tags: ["orgs"],
  summary: "Create an organisation: a client with its own workshops, tokens and data (admin)",
  security: bearer,
  middleware: [requireRole("admin")] as const,
  request: { body: { required: true, content: { "application/json": { schema: CreateOrg } } } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: Org } } },
    400: errors[400],
    409: errors[409],
    ...authErrors,
  },
});

const list = createRoute({
  method: "get",
  path: "/orgs",
  tags: ["orgs"],
  summary: "List organisations (admin: all; other tokens: their own)",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  responses: {
    200: { description: "Organisations", content: { "application/json": { schema: OrgList } } },
    ...authErrors,
  },
});

const addWorkspace = createRoute({
  method: "post",
  path: "/orgs/{id}/chat-workspaces",
  tags: ["orgs"],
  summary: "Register a chat workspace (Slack team, Teams tenant) as the organisation's (admin)",
  description:
    "Idempotent. A workspace belongs to one organisation (409 if another owns it). Once an organisation " +
    "lists workspaces, bots acting for people of other workspaces cannot reach its workshops (404).",
  security: bearer,
  middleware: [requireRole("admin")] as const,
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: AddChatWorkspace } } },
  },
  responses: {
    200: { description: "The organisation now", content: { "application/json": { schema: Org } } },
    400: errors[400],
    404: errors[404],
    409: errors[409],
    ...authErrors,
  },
});

export const orgRoutes = createRouter()
  .openapi(create, async (c) => c.json(await createOrg(serviceContext(c), c.req.valid("json")), 201))
  .openapi(list, async (c) => c.json({ orgs: await listOrgs(serviceContext(c)) }, 200))
  .openapi(addWorkspace, async (c) =>
    c.json(
      await addChatWorkspace(serviceContext(c), { ...c.req.valid("json"), orgId: c.req.valid("param").id }),
      200,
    ),
  );
