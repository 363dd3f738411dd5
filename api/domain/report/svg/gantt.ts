import { addDays, daysBetween, shorten, escapeXml as x } from "../escape.js";
import type { RoadmapData } from "../model.js";
import { svgFrame } from "./frame.js";

const LABEL_WIDTH = 240;
const ROW = 18;
const HEADER = 34;
const CHART_WIDTH = 760;
/** Colours chosen for ≥ 4.5:1 contrast against white (text and bars alike). */
const COLOURS = {
  critical: "#b42318",
  normal: "#1d4ed8",
  float: "#94a3b8",
  today: "#0f766e",
  deadline: "#7c2d12",
  grid: "#e2e8f0",
  text: "#111827",
};

/**
 * The roadmap as a Gantt chart in SVG: one row per work package in the order given, its bar from
 * early start to early finish (inclusive working days, drawn over calendar days), critical packages
 * in red, total float as a grey tail to the late finish, milestones as diamonds, a package's own
 * deadline as a small marker, the plan's deadline and `asOf` (today) as vertical lines.
 * Every row is a `<g class="wp" data-key>` with its own `<title>`, for screen readers and tests.
 */
export function ganttSvg(plan: RoadmapData, asOf: string, idPrefix = "gantt"): string {
  const start = plan.start;
  let end = plan.finish;
  for (const wp of plan.workPackages) {
    if (wp.lateFinish > end) end = wp.lateFinish;
    if (wp.deadline && wp.deadline > end) end = wp.deadline;
  }
  if (plan.deadline && plan.deadline > end) end = plan.deadline;
  const span = Math.max(1, daysBetween(start, end) + 1);
  const dayWidth = Math.min(24, Math.max(1, CHART_WIDTH / span));
  const width = LABEL_WIDTH + Math.ceil(span * dayWidth) + 70;
  const height = HEADER + plan.workPackages.length * ROW + 10;
  const xOf = (date: string) => LABEL_WIDTH + daysBetween(start, date) * dayWidth;
  const r = (n: number) => Math.round(n * 10) / 10;
  const out: string[] = [];
  const critical = plan.workPackages.filter((w) => w.critical).length;
  out.push(
    svgFrame({
      className: "gantt",
      width,
      height,
      idPrefix,
      title: `Roadmap Gantt chart, ${start} to ${plan.finish}`,
      desc:
        `${plan.workPackages.length} work packages, ${critical} on the critical path (red). ` +
        "Grey tails show float; diamonds are milestones.",
    }),
  );
  // Month ticks: the first day of each month in the span, and the start.
  const ticks: string[] = [start];
  const nextMonth = (d: string) => `${addDays(`${d.slice(0, 8)}01`, 32).slice(0, 8)}01`;
  for (let d = nextMonth(start); d <= end; d = nextMonth(d)) ticks.push(d);
  for (const t of ticks) {
    const tx = r(xOf(t));
    out.push(
      `<line x1="${tx}" y1="${HEADER - 6}" x2="${tx}" y2="${height - 10}" stroke="${COLOURS.grid}"/>`,
      `<text x="${tx + 2}" y="14" font-size="11" fill="${COLOURS.text}">${t}</text>`,
    );
  }
  plan.workPackages.forEach((wp, i) => {
    const y = HEADER + i * ROW;
    const colour = wp.critical ? COLOURS.critical : COLOURS.normal;
    const label = shorten(wp.title, 34);
    const tip =
      `${wp.title} (${wp.key}): ${wp.earlyStart} to ${wp.earlyFinish}, ${wp.durationDays} working days, ` +
      `float ${wp.totalFloat}${wp.critical ? ", critical" : ""}${wp.deadline ? `, deadline ${wp.deadline}` : ""}`;
    out.push(
      `<g class="wp${wp.critical ? " critical" : ""}" data-key="${x(wp.key)}"><title>${x(tip)}</title>`,
    );
    out.push(`<text x="4" y="${y + 13}" font-size="11" fill="${COLOURS.text}">${x(label)}</text>`);
    const x0 = xOf(wp.earlyStart);
    if (wp.durationDays === 0) {
      const cx = r(xOf(wp.earlyFinish) + dayWidth / 2);
      const cy = y + ROW / 2;
      out.push(
        `<path d="M${cx} ${cy - 6}L${cx + 6} ${cy}L${cx} ${cy + 6}L${cx - 6} ${cy}Z" fill="${colour}"/>`,
      );
    } else {
      const w = Math.max(1, (daysBetween(wp.earlyStart, wp.earlyFinish) + 1) * dayWidth);
      out.push(
        `<rect x="${r(x0)}" y="${y + 3}" width="${r(w)}" height="${ROW - 6}" rx="2" fill="${colour}"/>`,
      );
    }
    if (wp.totalFloat > 0) {
      const f0 = xOf(addDays(wp.earlyFinish, 1));
      const f1 = xOf(addDays(wp.lateFinish, 1));
      if (f1 > f0) {
        out.push(
          `<rect x="${r(f0)}" y="${y + 7}" width="${r(f1 - f0)}" height="${ROW - 14}" fill="${COLOURS.float}"/>`,
        );
      }
    }
    if (wp.deadline) {
      const dx = r(xOf(addDays(wp.deadline, 1)));
      out.push(
        `<path d="M${dx} ${y + 2}L${dx + 4} ${y - 3}L${dx - 4} ${y - 3}Z" fill="${COLOURS.deadline}"/>`,
      );
    }
    out.push("</g>");
  });
  const vline = (date: string, colour: string, label: string) => {
    const vx = r(xOf(date));
    out.push(
      `<line x1="${vx}" y1="${HEADER - 14}" x2="${vx}" y2="${height - 6}" stroke="${colour}" stroke-width="2" stroke-dasharray="4 3"/>`,
      `<text x="${vx + 3}" y="${HEADER - 4}" font-size="11" font-weight="bold" fill="${colour}">${label}</text>`,
    );
  };
  if (plan.deadline) vline(addDays(plan.deadline, 1), COLOURS.deadline, "deadline");
  if (asOf >= start && asOf <= end) vline(asOf, COLOURS.today, "today");
  out.push("</svg>");
  return out.join("");
}
