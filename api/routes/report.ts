import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { reportFileName } from "../domain/report/file-name.js";
import { renderReportHtml } from "../domain/report/html.js";
import { renderReportMarkdown } from "../domain/report/markdown.js";
import { renderReportPdf } from "../domain/report/pdf.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import { ReportQuery } from "../schemas/report.js";
import { buildReportModel } from "../services/report.js";

const report = createRoute({
  method: "get",
  path: "/workshops/{id}/report",
  tags: ["report"],
  summary: "The workshop report: the deliverable, as Markdown, HTML or PDF (facilitator, pm, bot)",
  description:
    "Works at any moment of the workshop: a section whose data does not exist yet says so. Tallies of a " +
    "blind poll stay hidden until it is revealed or closed, whoever asks. The same data and `asOf` give " +
    "the same bytes. HTML is one self-contained page (inline SVG pictures, no script, no external " +
    "resource); PDF is laid out in pure JavaScript with the same content (pictures as their tables).",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam, query: ReportQuery },
  responses: {
    200: {
      description: "The report",
      content: {
        "text/markdown": { schema: z.string() },
        "text/html": { schema: z.string() },
        "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
      },
    },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

export const reportRoutes = createRouter().openapi(report, async (c) => {
  const { id } = c.req.valid("param");
  const { format, asOf } = c.req.valid("query");
  const model = await buildReportModel(serviceContext(c), { workshopId: id, asOf });
  const file = reportFileName(model.workshop.name, format);
  if (format === "pdf") {
    const pdf = await renderReportPdf(model);
    return c.body(pdf.slice().buffer, 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${file}"`,
    });
  }
  if (format === "md") {
    return c.body(renderReportMarkdown(model), 200, {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file}"`,
    });
  }
  return c.body(renderReportHtml(model), 200, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Disposition": `inline; filename="${file}"`,
  });
});
