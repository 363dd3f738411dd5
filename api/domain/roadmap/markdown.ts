import { formatLink } from "../plan/format.js";
import type { Schedule } from "../plan/types.js";
import { type GroupBy, groupWorkPackages } from "./groups.js";

/**
 * A Markdown roadmap: a heading, the plan's dates and critical path, then one table per phase (or
 * owner). Free text is escaped so a title cannot break the table or inject markup: backslash
 * escapes for Markdown punctuation and `|`, line breaks as spaces.
 */
export function renderMarkdown(schedule: Schedule, opts: { title: string; groupBy: GroupBy }): string {
  const lines: string[] = [`# ${escapeMarkdown(opts.title)}`, ""];
  lines.push(
    `Start **${schedule.start}** · finish **${schedule.finish}**` +
      (schedule.deadline ? ` · deadline **${schedule.deadline}**` : ""),
    "",
    `Critical path: ${schedule.criticalPath.length ? schedule.criticalPath.map((k) => `\`${k}\``).join(" → ") : "none"}`,
  );
  for (const group of groupWorkPackages(schedule, opts.groupBy)) {
    const heading =
      group.name === null ? group.label : `${opts.groupBy === "phase" ? "Phase" : "Owner"}: ${group.name}`;
    lines.push(
      "",
      `## ${escapeMarkdown(heading)}`,
      "",
      `| Work package | Key | ${opts.groupBy === "phase" ? "Owner" : "Phase"} | Start | Finish | Days | Float | Critical | After |`,
      "|---|---|---|---|---|---:|---:|:-:|---|",
    );
    for (const wp of group.workPackages) {
      const other = opts.groupBy === "phase" ? wp.owner : wp.phase;
      const float = wp.totalFloat < 0 ? `${wp.totalFloat} (behind)` : String(wp.totalFloat);
      lines.push(
        `| ${escapeMarkdown(wp.title)} | \`${wp.key}\` | ${escapeMarkdown(other ?? "")} | ${wp.earlyStart} | ${wp.earlyFinish} | ` +
          `${wp.durationDays === 0 ? "0 (milestone)" : wp.durationDays} | ${float} | ${wp.critical ? "**yes**" : ""} | ` +
          `${wp.dependsOn.map((l) => `\`${formatLink(l)}\``).join(", ")} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

function escapeMarkdown(value: string): string {
  return value.replace(/[\r\n]+/g, " ").replace(/[\\`*_[\]<>|#~!&]/g, (c) => `\\${c}`);
}
