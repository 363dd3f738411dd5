import type { Block } from "./blocks.js";
import { escapeXml as h } from "./escape.js";
import type { ReportModel } from "./model.js";
import { type RenderedSection, renderSections } from "./sections.js";

/**
 * Styles for the report and the web view: system fonts, dark text on white (≥ 7:1), no external
 * resource of any kind. Print: no navigation, sections start on a new page, tables never clip.
 */
export const REPORT_CSS = `
:root{color-scheme:light}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#fff;margin:0}
main{max-width:1100px;margin:0 auto;padding:1rem 1.5rem 3rem}
header.site{background:#0f172a;color:#fff;padding:.6rem 1.5rem}
header.site a{color:#fff}
header.site nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;margin:.4rem 0 0;padding:0}
header.site nav a{color:#fff}
header.site nav a[aria-current=page]{font-weight:bold;text-decoration:underline}
h1{font-size:1.7rem;margin:.6rem 0}
h2{font-size:1.3rem;border-bottom:2px solid #cbd5e1;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
.note{color:#374151;font-style:italic}
.warning{color:#7c2d12;font-weight:bold}
.missing{border-left:4px solid #94a3b8;padding-left:.6rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.facts dt{font-weight:bold}
dl.facts dd{margin:0}
table{border-collapse:collapse;margin:.4rem 0 1rem;width:100%;font-size:.9rem}
caption{text-align:left;font-style:italic;color:#374151;padding:.2rem 0}
th,td{border:1px solid #cbd5e1;padding:.25rem .45rem;vertical-align:top;text-align:left}
th{background:#f1f5f9}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.critical td{background:#fef2f2}
tr.overrun td,tr.attention td{background:#fff7ed}
figure{margin:.6rem 0;overflow-x:auto}
figure svg{max-width:none;height:auto}
.live{font-size:1.2rem}
.live strong{font-size:1.6rem}
footer{color:#374151;font-size:.85rem;margin-top:2rem}
@media print{
  header.site,nav,.no-print{display:none}
  main{max-width:none;padding:0}
  section.report-section{break-before:page}
  section.report-section:first-of-type{break-before:auto}
  tr,figure{break-inside:avoid}
  figure{overflow:visible}
  figure svg{max-width:100%}
  a{color:inherit;text-decoration:none}
}
`;

export interface HtmlPage {
  title: string;
  /** Already-escaped HTML for the body's `<main>`. */
  main: string;
  /** Already-escaped HTML above `<main>` (site header and navigation). */
  header?: string;
  /** Seconds between automatic reloads (`<meta http-equiv="refresh">`), for live views. */
  refreshSeconds?: number;
}

/** A whole page: no script, no external resource, the styles inline. */
export function htmlDocument(page: HtmlPage): string {
  return (
    "<!doctype html>\n" +
    `<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    (page.refreshSeconds ? `<meta http-equiv="refresh" content="${Math.round(page.refreshSeconds)}">` : "") +
    `<meta name="robots" content="noindex"><link rel="icon" href="data:,">` +
    `<title>${h(page.title)}</title><style>${REPORT_CSS}</style></head>` +
    `<body>${page.header ?? ""}<main>${page.main}</main></body></html>\n`
  );
}

export function blocksHtml(blocks: Block[]): string {
  return blocks.map(blockHtml).join("\n");
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case "paragraph":
      return `<p${b.tone ? ` class="${b.tone}"` : ""}>${h(b.text)}</p>`;
    case "subheading":
      return `<h3>${h(b.text)}</h3>`;
    case "facts":
      return `<dl class="facts">${b.items.map((i) => `<dt>${h(i.label)}</dt><dd>${h(i.value)}</dd>`).join("")}</dl>`;
    case "list": {
      const tag = b.ordered ? "ol" : "ul";
      return `<${tag}>${b.items.map((i) => `<li>${h(i)}</li>`).join("")}</${tag}>`;
    }
    case "figure":
      return `<figure>${b.svg}</figure>`;
    case "table": {
      if (b.rows.length === 0) return `<p class="note">${h(b.caption)}: none yet.</p>`;
      const cls = (i: number) => (b.align?.[i] === "right" ? ' class="num"' : "");
      const head = b.head.map((c, i) => `<th scope="col"${cls(i)}>${h(c)}</th>`).join("");
      const rows = b.rows
        .map((r, n) => {
          const rc = b.rowClass?.[n];
          return `<tr${rc ? ` class="${h(rc)}"` : ""}>${r.map((c, i) => `<td${cls(i)}>${h(c)}</td>`).join("")}</tr>`;
        })
        .join("\n");
      return `<table><caption>${h(b.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
    }
  }
}

export function sectionHtml(s: RenderedSection): string {
  return (
    `<section class="report-section${s.missing ? " missing" : ""}" id="${s.key}" aria-labelledby="${s.key}-h">` +
    `<h2 id="${s.key}-h">${h(s.title)}</h2>\n${blocksHtml(s.blocks)}</section>`
  );
}

/** The whole report as one self-contained HTML page (the same content as the Markdown and PDF). */
export function renderReportHtml(model: ReportModel): string {
  const w = model.workshop;
  const sections = renderSections(model);
  const toc = sections.map((s) => `<li><a href="#${s.key}">${h(s.title)}</a></li>`).join("");
  const main =
    `<h1>${h(w.name)}: workshop report</h1>` +
    `<p>Starts ${w.startDate} · ${w.days} day${w.days === 1 ? "" : "s"} · ${h(w.timezone)} · as of ${model.asOf}</p>` +
    `<nav class="toc no-print" aria-label="Contents"><ol>${toc}</ol></nav>\n` +
    sections.map(sectionHtml).join("\n");
  return htmlDocument({ title: `${w.name}: workshop report`, main });
}
