import { formatNumber, shorten, escapeXml as x } from "../escape.js";
import type { HeatmapView } from "../model.js";
import { svgFrame } from "./frame.js";

const LABEL = 180;
const CELL_W = 96;
const CELL_H = 34;
const HEAD = 46;

/**
 * Background per score band (read higher-is-better, 1 = L … 3 = H), light enough that the dark
 * figure on it keeps ≥ 7:1 contrast; the figure itself is always written, so colour is never the
 * only carrier of meaning. Bands: < 1.5, < 2 (a gap), < 2.5, ≥ 2.5; no votes is grey.
 */
export function scoreFill(score: number | null): string {
  if (score === null) return "#f1f5f9";
  if (score < 1.5) return "#fecaca";
  if (score < 2) return "#fed7aa";
  if (score < 2.5) return "#fef08a";
  return "#bbf7d0";
}

/** The scorecard as a heat map: options down, factors across, each cell's score; `!` marks disagreement. */
export function heatmapSvg(view: HeatmapView, idPrefix = "heatmap"): string {
  const cols = view.factors.length + 1;
  const width = LABEL + cols * CELL_W + 2;
  const height = HEAD + view.options.length * CELL_H + 2;
  const cell = new Map(view.cells.map((c) => [`${c.option}\u0000${c.factor}`, c]));
  const out: string[] = [
    svgFrame({
      className: "heatmap",
      width,
      height,
      idPrefix,
      title: `Scorecard heat map${view.view ? `, view ${view.view}` : ""}`,
      desc:
        `${view.options.length} options by ${view.factors.length} factors; ` +
        "each cell is the mean score from 1 (low) to 3 (high), higher is better; ! marks a cell whose votes span L to H.",
    }),
  ];
  view.factors.forEach((f, i) => {
    const fx = LABEL + i * CELL_W + CELL_W / 2;
    out.push(
      `<text x="${fx}" y="20" font-size="11" text-anchor="middle" fill="#111827"><title>${x(f.label)} (weight ${formatNumber(f.weight, 2)})</title>${x(shorten(f.label, 15))}</text>`,
      `<text x="${fx}" y="36" font-size="10" text-anchor="middle" fill="#374151">×${formatNumber(f.weight, 2)}</text>`,
    );
  });
  out.push(
    `<text x="${LABEL + view.factors.length * CELL_W + CELL_W / 2}" y="20" font-size="11" font-weight="bold" text-anchor="middle" fill="#111827">Score</text>`,
  );
  view.options.forEach((o, row) => {
    const y = HEAD + row * CELL_H;
    out.push(
      `<g class="option" data-key="${x(o.key)}"><text x="4" y="${y + 21}" font-size="12" fill="#111827">${x(shorten(o.label, 26))}</text>`,
    );
    view.factors.forEach((f, i) => {
      const c = cell.get(`${o.key}\u0000${f.key}`);
      const score = c?.score ?? null;
      const cx = LABEL + i * CELL_W;
      const text = score === null ? "–" : `${formatNumber(score, 1)}${c?.disagreement ? " !" : ""}`;
      out.push(
        `<g><title>${x(`${o.label} × ${f.label}: ${score === null ? "no votes" : `${formatNumber(score, 2)} from ${c?.votes ?? 0} votes`}${c?.disagreement ? ", votes span L to H" : ""}`)}</title>` +
          `<rect x="${cx + 1}" y="${y + 1}" width="${CELL_W - 2}" height="${CELL_H - 2}" fill="${scoreFill(score)}" stroke="#ffffff"/>` +
          `<text x="${cx + CELL_W / 2}" y="${y + 21}" font-size="12" text-anchor="middle" fill="#111827">${text}</text></g>`,
      );
    });
    const tx = LABEL + view.factors.length * CELL_W;
    out.push(
      `<rect x="${tx + 1}" y="${y + 1}" width="${CELL_W - 2}" height="${CELL_H - 2}" fill="${scoreFill(o.score)}" stroke="#111827"/>` +
        `<text x="${tx + CELL_W / 2}" y="${y + 21}" font-size="12" font-weight="bold" text-anchor="middle" fill="#111827">${o.score === null ? "–" : formatNumber(o.score, 2)}${o.rank === 1 ? " ★" : ""}</text></g>`,
    );
  });
  out.push("</svg>");
  return out.join("");
}
