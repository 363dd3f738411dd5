import type { NewWorkPackage, PlanLink, PlanLinkType, PlanSummary } from "./plan-types.js";

/**
 * `/plan` in any chat: the text after the command, parsed into what to do. Pure and
 * transport-neutral; the adapters send `add` to `POST …/plan/work-packages/{key}` and render
 * `show` with `formatPlanSummary` of `GET …/plan`.
 */
export type PlanCommand =
  | { kind: "add"; workPackage: NewWorkPackage }
  | { kind: "show" }
  | { kind: "help" }
  | { kind: "error"; message: string };

/** The API's rule for work package keys (api/schemas/plan.ts); a test keeps the two equal. */
export const KEY_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const MAX_TITLE = 300;
const MAX_DAYS = 10_000;

export const PLAN_HELP: readonly string[] = [
  '/plan add <key> "<title>" <n>d [after <key>[, <key>…]] — add a work package',
  "   after design       starts when design finishes (finish-to-start)",
  "   after design+2     two working days after design finishes",
  "   after design:SS+1  one working day after design starts (also FF, SF; :FS-2 for a lead)",
  "   0d                 a milestone",
  '   e.g. /plan add build "Build it" 5d after design+1, review',
  "/plan show — the plan's dates and its critical path",
  "/plan help — this help",
];

const USAGE = 'Usage: /plan add <key> "<title>" <n>d [after <key>[+lag], …]';

/** A dependency as typed: `design`, `design+1`, `design:SS`, `design:ss+2d`, `design:FS-2`. */
const DEP_RE = /^([a-z0-9][a-z0-9_-]{0,63})(?::([FfSs][FfSs]))?(?:([+-])(\d{1,5})[dD]?)?$/;
const OPEN_QUOTES = new Set(['"', "“", "”", "„"]);
const CLOSE_QUOTES = new Set(['"', "”", "“"]);

export function parsePlanCommand(text: string): PlanCommand {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "help" };
  const [verb = "", ...rest] = trimmed.split(/\s+/);
  const args = trimmed.slice(verb.length).trim();
  switch (verb.toLowerCase()) {
    case "help":
      return { kind: "help" };
    case "show":
      return rest.length === 0 ? { kind: "show" } : error("/plan show takes nothing after it.");
    case "add":
      return parseAdd(args);
    default:
      return error(`I don't know "/plan ${verb}". Try /plan add, /plan show or /plan help.`);
  }
}

function error(message: string): PlanCommand {
  return { kind: "error", message };
}

function keyProblem(key: string, what: string): string | null {
  if (KEY_RE.test(key)) return null;
  const suggestion = key
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+/, "")
    .slice(0, 64);
  return (
    `"${key}" can't be ${what}: keys are 1–64 lowercase letters, digits, - or _, starting with a letter or digit` +
    (suggestion && KEY_RE.test(suggestion) ? ` (try "${suggestion}")` : "") +
    "."
  );
}

function parseAdd(args: string): PlanCommand {
  if (args === "") return error(USAGE);
  const key = args.split(/\s+/, 1)[0] ?? "";
  const badKey = keyProblem(key, "a key");
  if (badKey) return error(badKey);

  let rest = args.slice(key.length).trimStart();
  const open = rest[0];
  if (open === undefined || !OPEN_QUOTES.has(open)) {
    return error(`Put the title in quotes: /plan add ${key} "Title" 3d`);
  }
  let title = "";
  let i = 1;
  for (; i < rest.length; i++) {
    const ch = rest[i] ?? "";
    if (ch === "\\" && i + 1 < rest.length && (rest[i + 1] === '"' || rest[i + 1] === "\\")) {
      title += rest[++i];
    } else if (CLOSE_QUOTES.has(ch)) {
      break;
    } else {
      title += ch;
    }
  }
  if (i >= rest.length) return error("The title's closing quote is missing.");
  title = title.trim();
  if (title === "") return error("The title is empty.");
  if (title.length > MAX_TITLE) return error(`The title is longer than ${MAX_TITLE} characters.`);
  rest = rest.slice(i + 1).trim();

  const duration = /^(\S+?)(?:\s*(days?|d))?(?=\s|$)/i.exec(rest);
  const amount = duration?.[1] ?? "";
  if (!duration || !/^\d+d?$/i.test(amount)) {
    return error(
      rest === ""
        ? `How many working days? e.g. /plan add ${key} "${title}" 3d (0d for a milestone)`
        : `"${rest.split(/\s+/)[0]}" is not a duration: write whole working days, like 3d (0d for a milestone).`,
    );
  }
  const durationDays = Number(amount.replace(/d$/i, ""));
  if (durationDays > MAX_DAYS) return error(`A work package lasts at most ${MAX_DAYS} working days.`);
  rest = rest.slice(duration[0].length).trim();

  const dependsOn: PlanLink[] = [];
  if (rest !== "") {
    const after = /^after\b/i.exec(rest);
    if (!after) return error(`I didn't understand "${rest}". ${USAGE}`);
    const list = rest.slice(after[0].length).trim();
    const items = list.split(/\s*,\s*|\s+and\s+|\s+/i).filter(Boolean);
    if (items.length === 0) return error("After what? e.g. after design, or after design+1");
    for (const item of items) {
      const m = DEP_RE.exec(item);
      if (!m?.[1]) {
        return error(
          keyProblem(item.split(/[:+]/)[0] ?? item, "a dependency") ??
            `"${item}" is not a dependency: write design, design+1 or design:SS+1 (types FS, SS, FF, SF).`,
        );
      }
      const dep = m[1];
      if (dep === key) return error(`${key} can't come after itself.`);
      const lag = m[4] ? Number(m[4]) * (m[3] === "-" ? -1 : 1) : 0;
      if (Math.abs(lag) > MAX_DAYS) return error(`A lag is at most ${MAX_DAYS} working days.`);
      dependsOn.push({ key: dep, type: (m[2]?.toUpperCase() ?? "FS") as PlanLinkType, lagDays: lag });
    }
  }
  return { kind: "add", workPackage: { key, title, durationDays, dependsOn } };
}

/**
 * The plan as plain text lines: its dates, how far behind a deadline it is, the critical path and
 * each work package by start date with its float.
 */
export function formatPlanSummary(plan: PlanSummary): string[] {
  if (plan.workPackages.length === 0) {
    return ['The plan has no work packages yet. Add one: /plan add design "Design" 3d'];
  }
  const lines = [`Plan: ${plan.start} → ${plan.finish}`];
  const behind = Math.max(0, ...plan.workPackages.map((w) => -w.totalFloat));
  if (behind > 0) {
    lines.push(`Behind its deadline${plan.deadline ? ` (${plan.deadline})` : "s"} by ${days(behind)}.`);
  } else if (plan.deadline) {
    lines.push(`Deadline ${plan.deadline}: on track.`);
  }
  lines.push(`Critical path: ${plan.criticalPath.length ? plan.criticalPath.join(" → ") : "none"}`);
  const ordered = plan.workPackages
    .map((w, i) => ({ w, i }))
    .sort((a, b) => (a.w.earlyStart < b.w.earlyStart ? -1 : a.w.earlyStart > b.w.earlyStart ? 1 : a.i - b.i))
    .map(({ w }) => w);
  for (const w of ordered) {
    const when =
      w.durationDays === 0
        ? `${w.earlyStart} (milestone)`
        : `${w.earlyStart} → ${w.earlyFinish} (${w.durationDays}d)`;
    const slack =
      w.totalFloat < 0
        ? `critical, ${days(-w.totalFloat)} behind`
        : w.critical
          ? "critical"
          : `float ${days(w.totalFloat)}`;
    lines.push(`• ${w.key} — ${w.title}: ${when}, ${slack}`);
  }
  return lines;
}

function days(n: number): string {
  return `${n} working day${n === 1 ? "" : "s"}`;
}
