import { z } from "@hono/zod-openapi";

export const ReportFormat = z.enum(["md", "html", "pdf"]);
export type ReportFormat = z.infer<typeof ReportFormat>;

export const ReportQuery = z.object({
  format: ReportFormat.default("html").openapi({
    description: "Markdown, a self-contained HTML page, or PDF",
  }),
  asOf: z.iso.date().optional().openapi({
    description:
      "The local date the report describes (the Gantt's today line). Default: today in the workshop's time zone.",
    example: "2026-03-03",
  }),
});
export type ReportQuery = z.infer<typeof ReportQuery>;
