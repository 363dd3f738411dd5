import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import { CreatedRoadmapFeed, CreateRoadmapFeed, RoadmapFeedList } from "../schemas/roadmap-feed.js";
import {
  createRoadmapFeed,
  listRoadmapFeeds,
  revokeRoadmapFeed,
  roadmapFeedPath,
} from "../services/roadmap-feeds.js";

const managers = () => requireRole("facilitator", "pm");

const FeedParams = IdParam.extend({
  feedId: z.uuid().openapi({ param: { name: "feedId", in: "path" } }),
});

const create = createRoute({
  method: "post",
  path: "/workshops/{id}/roadmap/feeds",
  tags: ["plan"],
  summary: "Create a secret link calendar apps can subscribe to (facilitator, pm)",
  description:
    "Answers the subscription URL once: `GET /feeds/roadmap/<secret>.ics` serves the roadmap as iCalendar " +
    "without a bearer token, so anyone with the link can read the roadmap until the feed is revoked. Only " +
    "the secret's SHA-256 is stored. The URL starts with `PUBLIC_URL` when set, else the request's origin. " +
    "The body may be omitted.",
  security: bearer,
  middleware: [managers()] as const,
  request: {
    params: IdParam,
    body: { required: false, content: { "application/json": { schema: CreateRoadmapFeed } } },
  },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: CreatedRoadmapFeed } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const list = createRoute({
  method: "get",
  path: "/workshops/{id}/roadmap/feeds",
  tags: ["plan"],
  summary: "The workshop's roadmap feeds, revoked ones included, without their secrets (facilitator, pm)",
  security: bearer,
  middleware: [managers()] as const,
  request: { params: IdParam },
  responses: {
    200: { description: "Feeds, oldest first", content: { "application/json": { schema: RoadmapFeedList } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const revoke = createRoute({
  method: "delete",
  path: "/workshops/{id}/roadmap/feeds/{feedId}",
  tags: ["plan"],
  summary: "Revoke a roadmap feed: its link answers 404 from now on (facilitator, pm)",
  description: "Idempotent: revoking a revoked feed answers 204 again. Audited (`roadmap.feed.revoke`).",
  security: bearer,
  middleware: [managers()] as const,
  request: { params: FeedParams },
  responses: {
    204: { description: "Revoked" },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

/** Where the API is reached from outside: PUBLIC_URL behind a proxy, else the request's own origin. */
export function publicBase(configured: string | null, requestUrl: string): string {
  return (configured ?? new URL(requestUrl).origin).replace(/\/+$/, "");
}

export const roadmapFeedRoutes = createRouter()
  .openapi(create, async (c) => {
    const { id } = c.req.valid("param");
    const { feed, secret } = await createRoadmapFeed(serviceContext(c), {
      ...(c.req.valid("json") ?? {}),
      workshopId: id,
    });
    const url = publicBase(c.var.deps.publicUrl, c.req.url) + roadmapFeedPath(secret);
    return c.json({ ...feed, url }, 201);
  })
  .openapi(list, async (c) =>
    c.json(
      { feeds: await listRoadmapFeeds(serviceContext(c), { workshopId: c.req.valid("param").id }) },
      200,
    ),
  )
  .openapi(revoke, async (c) => {
    const { id, feedId } = c.req.valid("param");
    await revokeRoadmapFeed(serviceContext(c), { workshopId: id, feedId });
    return c.body(null, 204);
  });
