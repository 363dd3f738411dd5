import { createRoute, z } from "@hono/zod-openapi";
import { etag } from "hono/etag";
import { createRouter } from "../lib/router.js";
import { errors } from "../schemas/common.js";
import { FeedSecret } from "../schemas/roadmap-feed.js";
import { readRoadmapFeed } from "../services/roadmap-feeds.js";

/** Calendar apps poll every few hours at most; five minutes spares a burst without hiding a change for long. */
const CACHE_CONTROL = "private, max-age=300";

const roadmap = createRoute({
  method: "get",
  path: "/feeds/roadmap/{secret}.ics",
  tags: ["plan"],
  summary: "A workshop's roadmap as iCalendar, for calendar apps that subscribe by URL (no bearer token)",
  description:
    "The secret in the path is the credential: the URL comes from `POST /v1/workshops/{id}/roadmap/feeds`. " +
    "The body is the same as `GET /v1/workshops/{id}/roadmap?format=ics`; a workshop without a plan yet " +
    "answers a calendar with no events. An unknown or revoked secret is a 404 (the same for both). " +
    "Sends an `ETag`; `If-None-Match` with it answers 304.",
  request: {
    params: z.object({
      // A malformed secret is refused like an unknown one (404), not as bad input.
      secret: FeedSecret.openapi({ param: { name: "secret", in: "path" } }),
    }),
  },
  responses: {
    200: {
      description: "iCalendar (RFC 5545): one all-day event per work package, stable UIDs",
      content: { "text/calendar": { schema: z.string() } },
    },
    304: { description: "Not modified since the `ETag` sent in `If-None-Match`" },
    404: errors[404],
  },
});

/**
 * Mounted outside the bearer-authenticated `/v1` router. zod-openapi turns `{secret}` into a whole
 * path segment, so the route is documented from `roadmap` and served at `:file`, where the `.ics`
 * suffix is taken off here. The request log shows the path with the secret redacted (app.ts).
 */
const router = createRouter();
router.openAPIRegistry.registerPath(roadmap);

export const feedRoutes = router.get("/feeds/roadmap/:file", etag(), async (c) => {
  const file = c.req.param("file");
  const secret = file.endsWith(".ics") ? file.slice(0, -".ics".length) : "";
  const { calendar, fileName } = await readRoadmapFeed(c.var.deps.database.db, secret);
  return c.body(calendar, 200, {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": `inline; filename="${fileName}"`,
    "Cache-Control": CACHE_CONTROL,
  });
});
