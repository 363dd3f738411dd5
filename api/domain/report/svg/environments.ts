import { formatNumber, shorten, escapeXml as x } from "../escape.js";
import type { ArchitectureData } from "../model.js";
import { svgFrame } from "./frame.js";

const COL_W = 280;
const GAP = 16;
const PER_ROW = 4;
const HEAD = 62;
const ROW = 22;
const PAD = 8;
/** Header band per tier: light fills under dark text (≥ 7:1); the tier is always written too. */
const TIER_FILL: Record<string, string> = {
  dev: "#e0f2fe",
  test: "#ecfccb",
  preprod: "#fef3c7",
  prod: "#fee2e2",
};

type Env = ArchitectureData["environments"][number];

/** Tier and regions. */
function where(e: Env): string {
  return [e.tier, e.regions.join(", ")].filter(Boolean).join(" · ");
}

/** Availability and recovery targets, "" when none is set. */
function targets(e: Env): string {
  return [
    e.availability ?? "",
    e.rpoMinutes !== null ? `RPO ${formatNumber(e.rpoMinutes)} min` : "",
    e.rtoMinutes !== null ? `RTO ${formatNumber(e.rtoMinutes)} min` : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

function facts(e: Env): string {
  return [where(e), targets(e)].filter(Boolean).join(" · ");
}

/**
 * The strawman deployment as boxes: one per environment (up to four in a row), its name, tier,
 * regions and recovery targets in the header band, then one line per component (product × count and
 * kind, and how many line items map onto it). Every environment is a `<g class="environment"
 * data-key>` and every component a `<g class="component" data-key="env.component">`, each with its own
 * `<title>` naming it in full.
 */
export function environmentsSvg(data: ArchitectureData, idPrefix = "environments"): string {
  const envs = data.environments;
  const cols = Math.max(1, Math.min(PER_ROW, envs.length));
  const rows: Env[][] = [];
  for (let i = 0; i < envs.length; i += PER_ROW) rows.push(envs.slice(i, i + PER_ROW));
  const heightOf = (row: Env[]) => HEAD + Math.max(1, ...row.map((e) => e.components.length)) * ROW + PAD;
  const width = cols * COL_W + (cols - 1) * GAP + 2;
  const height = rows.reduce((h, row) => h + heightOf(row) + GAP, 0) - GAP + 2;
  const components = envs.reduce((n, e) => n + e.components.length, 0);
  const out: string[] = [
    svgFrame({
      className: "environments",
      width,
      height,
      idPrefix,
      title: "Environments and their components",
      desc:
        `${envs.length} environment${envs.length === 1 ? "" : "s"} with ${components} component${components === 1 ? "" : "s"}. ` +
        envs
          .map(
            (e) =>
              `${e.name} (${facts(e)}): ${
                e.components.length
                  ? e.components
                      .map((c) => `${c.product}${c.count !== null ? ` × ${c.count}` : ""} (${c.kind})`)
                      .join(", ")
                  : "no components yet"
              }`,
          )
          .join(". "),
    }),
  ];
  let top = 1;
  for (const row of rows) {
    const boxH = heightOf(row);
    row.forEach((e, i) => {
      const left = 1 + i * (COL_W + GAP);
      out.push(
        `<g class="environment" data-key="${x(e.key)}"><title>${x(`${e.name}: ${facts(e)}`)}</title>`,
        `<rect x="${left}" y="${top}" width="${COL_W}" height="${boxH}" rx="6" fill="#ffffff" stroke="#475569"/>`,
        `<path d="M${left} ${top + HEAD}V${top + 6}a6 6 0 0 1 6 -6H${left + COL_W - 6}a6 6 0 0 1 6 6V${top + HEAD}Z" fill="${TIER_FILL[e.tier] ?? "#f1f5f9"}" stroke="#475569"/>`,
        `<text x="${left + 10}" y="${top + 20}" font-size="13" font-weight="bold" fill="#111827">${x(shorten(e.name, 30))}</text>`,
        `<text x="${left + 10}" y="${top + 37}" font-size="11" fill="#111827">${x(shorten(where(e), 44))}</text>`,
        `<text x="${left + 10}" y="${top + 53}" font-size="11" fill="#111827">${x(shorten(targets(e) || "no availability or recovery targets", 44))}</text>`,
      );
      if (e.components.length === 0) {
        out.push(
          `<text x="${left + 10}" y="${top + HEAD + 16}" font-size="11" font-style="italic" fill="#374151">no components yet</text>`,
        );
      }
      e.components.forEach((c, n) => {
        const y = top + HEAD + n * ROW;
        const count = c.count !== null ? ` × ${c.count}` : "";
        const items = c.items ? ` · ${c.items} item${c.items === 1 ? "" : "s"}` : "";
        out.push(
          `<g class="component" data-key="${x(`${e.key}.${c.key}`)}"><title>${x(
            `${c.product}${count}: ${c.kind}${items}${c.notes ? `. ${c.notes}` : ""}`,
          )}</title>`,
          `<text x="${left + 10}" y="${y + 16}" font-size="12" fill="#111827">${x(shorten(`${c.product}${count}`, 24))}</text>`,
          `<text x="${left + COL_W - 10}" y="${y + 16}" font-size="11" text-anchor="end" fill="#374151">${x(shorten(`${c.kind}${items}`, 22))}</text>`,
          "</g>",
        );
      });
      out.push("</g>");
    });
    top += boxH + GAP;
  }
  out.push("</svg>");
  return out.join("");
}
