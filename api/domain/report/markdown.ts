import type { Block } from "./blocks.js";
import { escapeMarkdown as m } from "./escape.js";
import type { ReportModel } from "./model.js";
import { renderSections } from "./sections.js";

/** The report as Markdown: a title, the workshop's facts, then one `##` section per registry entry. */
export function renderReportMarkdown(model: ReportModel): string {
  const w = model.workshop;
  const lines: string[] = [
    `# ${m(w.name)}: workshop report`,
    "",
    `Workshop ${m(w.name)} · starts ${w.startDate} · ${w.days} day${w.days === 1 ? "" : "s"} · ${m(w.timezone)} · as of ${model.asOf}`,
  ];
  for (const section of renderSections(model)) {
    lines.push("", `## ${m(section.title)}`);
    for (const block of section.blocks) lines.push("", ...blockMarkdown(block));
  }
  return `${lines.join("\n")}\n`;
}

function blockMarkdown(b: Block): string[] {
  switch (b.kind) {
    case "paragraph":
      return [b.tone ? `_${m(b.text)}_` : m(b.text)];
    case "subheading":
      return [`### ${m(b.text)}`];
    case "facts":
      return b.items.map((i) => `- **${m(i.label)}:** ${m(i.value)}`);
    case "list":
      return b.items.map((i, n) => `${b.ordered ? `${n + 1}.` : "-"} ${m(i)}`);
    case "figure":
      return [`_Figure: ${m(b.alt)}_`];
    case "table": {
      if (b.rows.length === 0) return [`_${m(b.caption)}: none yet._`];
      const align = b.head.map((_, i) => (b.align?.[i] === "right" ? "---:" : "---"));
      return [
        `_${m(b.caption)}_`,
        "",
        `| ${b.head.map(m).join(" | ")} |`,
        `|${align.join("|")}|`,
        ...b.rows.map((r) => `| ${r.map(m).join(" | ")} |`),
      ];
    }
  }
}
