import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import { CreatedShareLink, CreateShareLink, ShareLinkList } from "../schemas/share-link.js";
import { createShareLink, listShareLinks, revokeShareLink, shareLinkPath } from "../services/share-links.js";
import { publicBase } from "./roadmap-feeds.js";

const managers = () => requireRole("facilitator", "pm");

const LinkParams = IdParam.extend({
  linkId: z.uuid().openapi({ param: { name: "linkId", in: "path" } }),
});

const create = createRoute({
  method: "post",
  path: "/workshops/{id}/share-links",
  tags: ["report"],
  summary:
    "Create a secret, read-only link to the workshop's web view (facilitator, pm; bot for a facilitator)",
  description:
    "Answers the URL once: `/w/<secret>` serves the workshop's pages (overview, scorecard, register, DORA, " +
    "architecture, roadmap, live) and `/w/<secret>/report.pdf` without a bearer token, to anyone with the " +
    "link until it is revoked. Only the secret's SHA-256 is stored. The URL starts with `PUBLIC_URL` when " +
    "set, else the request's origin. The body may be omitted. A bot token passes the chat person as `actor`, " +
    "who must facilitate the workshop (`/agenda report`). Audited (`share-link.create`).",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: {
    params: IdParam,
    body: { required: false, content: { "application/json": { schema: CreateShareLink } } },
  },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: CreatedShareLink } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const list = createRoute({
  method: "get",
  path: "/workshops/{id}/share-links",
  tags: ["report"],
  summary: "The workshop's share links, revoked ones included, without their secrets (facilitator, pm)",
  security: bearer,
  middleware: [managers()] as const,
  request: { params: IdParam },
  responses: {
    200: { description: "Links, oldest first", content: { "application/json": { schema: ShareLinkList } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const revoke = createRoute({
  method: "delete",
  path: "/workshops/{id}/share-links/{linkId}",
  tags: ["report"],
  summary: "Revoke a share link: its pages answer 404 from now on (facilitator, pm)",
  description: "Idempotent: revoking a revoked link answers 204 again. Audited (`share-link.revoke`).",
  security: bearer,
  middleware: [managers()] as const,
  request: { params: LinkParams },
  responses: {
    204: { description: "Revoked" },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

export const shareLinkRoutes = createRouter()
  .openapi(create, async (c) => {
    const { id } = c.req.valid("param");
    const { actor, ...body } = c.req.valid("json") ?? {};
    const { link, secret } = await createShareLink(serviceContext(c, actor), { ...body, workshopId: id });
    const url = publicBase(c.var.deps.publicUrl, c.req.url) + shareLinkPath(secret);
    return c.json({ ...link, url }, 201);
  })
  .openapi(list, async (c) =>
    c.json({ links: await listShareLinks(serviceContext(c), { workshopId: c.req.valid("param").id }) }, 200),
  )
  .openapi(revoke, async (c) => {
    const { id, linkId } = c.req.valid("param");
    await revokeShareLink(serviceContext(c), { workshopId: id, linkId });
    return c.body(null, 204);
  });
