import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import { CreatedToken, CreateToken, Token } from "../schemas/token.js";
import { createToken, listTokens, revokeToken } from "../services/tokens.js";

const create = createRoute({
  method: "post",
  path: "/tokens",
  tags: ["tokens"],
  summary: "Create an API token (admin)",
  description:
    "Returns the secret once. Only its SHA-256 hash is stored. Every role but `admin` works in one " +
    "organisation (`orgId`, which may be left out while there is only one), optionally one workshop " +
    "(`workshopId`); another organisation's rows are invisible to it (404, absent from lists).",
  security: bearer,
  middleware: [requireRole("admin")] as const,
  request: { body: { required: true, content: { "application/json": { schema: CreateToken } } } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: CreatedToken } } },
    400: errors[400],
    404: errors[404],
    409: errors[409],
    ...authErrors,
  },
});

const list = createRoute({
  method: "get",
  path: "/tokens",
  tags: ["tokens"],
  summary: "List API tokens, without their secrets (admin)",
  security: bearer,
  middleware: [requireRole("admin")] as const,
  responses: {
    200: {
      description: "Tokens",
      content: { "application/json": { schema: z.object({ tokens: z.array(Token) }) } },
    },
    ...authErrors,
  },
});

const revoke = createRoute({
  method: "delete",
  path: "/tokens/{id}",
  tags: ["tokens"],
  summary: "Revoke an API token (admin)",
  description: "Idempotent. The last active admin token cannot be revoked (409).",
  security: bearer,
  middleware: [requireRole("admin")] as const,
  request: { params: IdParam },
  responses: {
    200: { description: "Revoked", content: { "application/json": { schema: Token } } },
    400: errors[400],
    404: errors[404],
    409: errors[409],
    ...authErrors,
  },
});

export const tokenRoutes = createRouter()
  .openapi(create, async (c) => {
    const created = await createToken(serviceContext(c), c.req.valid("json"));
    return c.json(created, 201);
  })
  .openapi(list, async (c) => c.json({ tokens: await listTokens(serviceContext(c)) }, 200))
  .openapi(revoke, async (c) => {
    const token = await revokeToken(serviceContext(c), c.req.valid("param").id);
    // Remembered tokens of this process are forgotten at once (other replicas within their cache's lifetime).
    c.var.tokenCache.clear();
    return c.json(token, 200);
  });
