import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../context.js";
import { escapeXml } from "../domain/report/escape.js";
import { reportFileName } from "../domain/report/file-name.js";
import { htmlDocument } from "../domain/report/html.js";
import { renderLivePage, renderWebPage, WEB_PAGES, type WebPageKey } from "../domain/report/pages.js";
import { renderReportPdf } from "../domain/report/pdf.js";
import { DomainError } from "../errors.js";
import { createRouter } from "../lib/router.js";
import { errors } from "../schemas/common.js";
import { ShareSecret } from "../schemas/share-link.js";
import { buildReportModelFor, getLiveStatus } from "../services/report.js";
import { openShareLink, shareLinkPath } from "../services/share-links.js";

/** Pages change as the room works: never cached by the browser or a proxy. */
const NO_STORE = "no-store";
const LIVE_REFRESH_SECONDS = 15;

const page = createRoute({
  method: "get",
  path: "/w/{secret}/{page}",
  tags: ["report"],
  summary: "The workshop's web view behind a share link (no bearer token): server-rendered HTML pages",
  description:
    "The secret comes from `POST /v1/workshops/{id}/share-links`. `/w/<secret>` is the overview; the other " +
    "pages are `scorecard`, `register`, `dora`, `architecture`, `roadmap`, `live` (reloads itself every 15 s) " +
    "(`?refresh=off` holds it still) and `report.pdf`. No script, no external resource; they print well. An unknown or revoked secret is a 404.",
  request: {
    params: z.object({
      secret: ShareSecret.openapi({ param: { name: "secret", in: "path" } }),
      page: z
        .enum(["scorecard", "register", "dora", "architecture", "roadmap", "live", "report.pdf"])
        .openapi({ param: { name: "page", in: "path" } }),
    }),
  },
  responses: {
    200: {
      description: "The page (HTML) or the report (PDF)",
      content: { "text/html": { schema: z.string() }, "application/pdf": { schema: z.string() } },
    },
    404: errors[404],
  },
});

async function open(c: Context<AppEnv>) {
  const deps = c.var.deps;
  return openShareLink(
    { database: deps.database, now: deps.now(), log: c.get("log") },
    c.req.param("secret") ?? "",
  );
}

/** A browser reads these pages: a 404 is a page too, never a JSON envelope. */
function notFoundPage(c: Context<AppEnv>, message: string) {
  return c.html(
    htmlDocument({ title: "Not found", main: `<h1>Not found</h1><p>${escapeXml(message)}</p>` }),
    404,
    { "Cache-Control": NO_STORE },
  );
}

async function serve(c: Context<AppEnv>, key: WebPageKey | "live" | "report.pdf") {
  try {
    const { workshop, ctx } = await open(c);
    const base = shareLinkPath(c.req.param("secret") ?? "");
    if (key === "live") {
      const live = await getLiveStatus(ctx, workshop);
      const refresh = c.req.query("refresh") === "off" ? null : LIVE_REFRESH_SECONDS;
      return c.html(renderLivePage(workshop.name, live, base, refresh), 200, {
        "Cache-Control": NO_STORE,
      });
    }
    if (key === "report.pdf") {
      const model = await buildReportModelFor(ctx, workshop, {});
      const pdf = await renderReportPdf(model);
      return c.body(pdf.slice().buffer, 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="${reportFileName(workshop.name, "pdf")}"`,
        "Cache-Control": NO_STORE,
      });
    }
    const model = await buildReportModelFor(ctx, workshop, { sections: WEB_PAGES[key].sections });
    return c.html(renderWebPage(model, key, base), 200, { "Cache-Control": NO_STORE });
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") return notFoundPage(c, err.message);
    throw err;
  }
}

const PAGE_BY_PATH = new Map<string, WebPageKey | "live" | "report.pdf">([
  ...(Object.keys(WEB_PAGES) as WebPageKey[]).map((k) => [WEB_PAGES[k].path, k] as const),
  ["live", "live"],
  ["report.pdf", "report.pdf"],
]);

/**
 * Mounted outside `/v1`: the secret in the path is the credential. The request log shows `/w/***`
 * instead of the secret (app.ts).
 */
const router = createRouter();
router.openAPIRegistry.registerPath(page);

export const webRoutes = router
  .get("/w/:secret", (c) => serve(c, "overview"))
  .get("/w/:secret/:page", (c) => {
    const key = PAGE_BY_PATH.get(c.req.param("page"));
    if (!key || key === "overview") return notFoundPage(c, "No such page.");
    return serve(c, key);
  });
