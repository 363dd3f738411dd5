import { shorten, escapeXml as x } from "../escape.js";
import type { DoraFigure, Tier } from "../model.js";
import { svgFrame } from "./frame.js";

const TILE_W = 230;
const TILE_H = 150;
const GAP = 12;

/** Tier badge colours (white text, ≥ 4.5:1); the tier's name is always written beside the colour. */
const TIER_FILL: Record<Exclude<Tier, null> | "none", string> = {
  elite: "#166534",
  high: "#1d4ed8",
  medium: "#92400e",
  low: "#b42318",
  none: "#475569",
};

/**
 * The four keys as tiles: the measured figure with its tier, the room's quick-check answer beside
 * it, and a trend line of the figure per period (gaps where a period had no data). The trend's
 * y axis runs from the series' minimum to its maximum; it shows direction, not scale.
 */
export function doraTilesSvg(figures: DoraFigure[], idPrefix = "dora"): string {
  const width = figures.length * (TILE_W + GAP);
  const height = TILE_H + 4;
  const out: string[] = [
    svgFrame({
      className: "dora",
      width,
      height,
      idPrefix,
      title: "Four key metrics baseline",
      desc: `${figures
        .map(
          (f) =>
            `${f.label}: ${f.value ?? "no data"}${f.tier ? ` (${f.tier})` : ""}; the room said ${f.roomMedian ?? "nothing yet"}`,
        )
        .join(". ")}.`,
      background: false,
    }),
  ];
  figures.forEach((f, i) => {
    const tx = i * (TILE_W + GAP);
    const tier = f.tier ?? "none";
    out.push(
      `<g class="tile" data-key="${f.key}"><rect x="${tx + 1}" y="1" width="${TILE_W - 2}" height="${TILE_H - 2}" rx="6" fill="#ffffff" stroke="#94a3b8"/>`,
      `<text x="${tx + 12}" y="22" font-size="12" font-weight="bold" fill="#111827">${x(f.label)}</text>`,
      `<text x="${tx + 12}" y="50" font-size="20" fill="#111827">${x(f.value ?? "no data")}</text>`,
      `<rect x="${tx + TILE_W - 76}" y="34" width="64" height="22" rx="11" fill="${TIER_FILL[tier]}"/>`,
      `<text x="${tx + TILE_W - 44}" y="49" font-size="11" font-weight="bold" text-anchor="middle" fill="#ffffff">${f.tier ?? "n/a"}</text>`,
      `<text x="${tx + 12}" y="72" font-size="11" fill="#374151">Room: ${x(shorten(f.roomMedian ?? "no answers", 30))}${f.roomDisagreement ? " (split)" : ""}</text>`,
    );
    out.push(trendPath(f, tx + 12, 84, TILE_W - 24, 50));
    out.push("</g>");
  });
  out.push("</svg>");
  return out.join("");
}

function trendPath(f: DoraFigure, left: number, top: number, w: number, h: number): string {
  const values = f.trend.map((p) => p.value).filter((v): v is number => v !== null);
  const parts: string[] = [
    `<line x1="${left}" y1="${top + h}" x2="${left + w}" y2="${top + h}" stroke="#cbd5e1"/>`,
  ];
  if (values.length === 0) {
    parts.push(`<text x="${left}" y="${top + h / 2 + 4}" font-size="11" fill="#475569">no trend yet</text>`);
    return parts.join("");
  }
  const min = Math.min(...values);
  const max = Math.max(...values);
  const n = f.trend.length;
  const px = (i: number) => Math.round((left + (n === 1 ? w / 2 : (i * w) / (n - 1))) * 10) / 10;
  const py = (v: number) =>
    Math.round((top + h - (max === min ? h / 2 : ((v - min) / (max - min)) * h)) * 10) / 10;
  let d = "";
  let pen = false;
  f.trend.forEach((p, i) => {
    if (p.value === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${px(i)} ${py(p.value)}`;
    pen = true;
  });
  parts.push(`<path d="${d}" fill="none" stroke="#1d4ed8" stroke-width="2"/>`);
  f.trend.forEach((p, i) => {
    if (p.value !== null) {
      parts.push(
        `<circle cx="${px(i)}" cy="${py(p.value)}" r="2.5" fill="#1d4ed8"><title>${x(`${p.period}: ${p.value} ${f.unit}`)}</title></circle>`,
      );
    }
  });
  return parts.join("");
}
