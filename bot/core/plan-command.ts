import type {
  NewWorkPackage,
  PlanCalendar,
  PlanLink,
  PlanLinkType,
  PlanSummary,
  PlanSummaryWorkPackage,
  WorkPackageChange,
} from "./plan-types.js";

/**
 * `/plan` in any chat: the text after the command, parsed into what to do. Pure and
 * transport-neutral; the core sends `add` to `POST …/plan/work-packages/{key}`, `edit` to its
 * PATCH, `remove` to its DELETE, a calendar change to `PUT …/plan`, and renders `show` with
 * `formatPlanSummary` of `GET …/plan`. A work package is named by its key or its title.
 */
export type PlanCommand =
  | { kind: "add"; workPackage: NewWorkPackage }
  | { kind: "edit"; ref: string; change: WorkPackageChange }
  | { kind: "remove"; ref: string }
  | { kind: "calendar"; change: CalendarChange | null }
  | { kind: "show" }
  | { kind: "help" }
  | { kind: "error"; message: string };

/** What `/plan calendar …` changes; null fields are cleared. */
export interface CalendarChange {
  start?: string;
  workdays?: number[];
  addHolidays?: string[];
  clearHolidays?: boolean;
  country?: string | null;
}

/** The API's rule for work package keys (api/schemas/plan.ts); a test keeps the two equal. */
export const KEY_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const MAX_TITLE = 300;
const MAX_DAYS = 10_000;
/** Work packages `/plan show` lists, earliest first. */
const MAX_LISTED = 40;

export const PLAN_HELP: readonly string[] = [
  '/plan add <key> "<title>" <n>d [after <key>[, <key>…]] — add a work package',
  "   after design       starts when design finishes (finish-to-start)",
  "   after design+2     two working days after design finishes",
  "   after design:SS+1  one working day after design starts (also FF, SF; :FS-2 for a lead)",
  "   0d                 a milestone",
  '   e.g. /plan add build "Build it" 5d after design+1, review',
  "/plan edit <key or title> <field>: <value>[; <field>: <value>] — change a work package",
  "   fields: title, duration (3d), after (design+1, docs — or none), owner, phase, deadline (YYYY-MM-DD or none)",
  "   e.g. /plan edit build duration: 4d; after: design",
  "/plan remove <key or title> — remove a work package (not while others depend on it)",
  "/plan calendar — the working days, holidays and how to get the plan into a calendar app",
  "   /plan calendar country GB   skip the UK's public holidays (DE-BY, US-CA, … or none)",
  "   /plan calendar holidays 2026-12-24 2026-12-31   also skip these days (none clears them)",
  "   /plan calendar start 2026-03-09 · /plan calendar workdays mon-thu",
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
    case "edit":
    case "change":
      return parseEdit(args);
    case "remove":
    case "delete":
      return args
        ? { kind: "remove", ref: unquote(args) }
        : error("Remove which? /plan remove <key or title>");
    case "calendar":
      return parseCalendar(args);
    default:
      return error(
        `I don't know "/plan ${verb}". Try /plan add, /plan edit, /plan remove, /plan calendar, /plan show or /plan help.`,
      );
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

  let dependsOn: PlanLink[] = [];
  if (rest !== "") {
    const after = /^after\b/i.exec(rest);
    if (!after) return error(`I didn't understand "${rest}". ${USAGE}`);
    const links = parseLinks(rest.slice(after[0].length).trim(), key);
    if (typeof links === "string") return error(links);
    if (links.length === 0) return error("After what? e.g. after design, or after design+1");
    dependsOn = links;
  }
  return { kind: "add", workPackage: { key, title, durationDays, dependsOn } };
}

/** `design, docs+1, qa:SS` as links, or what is wrong with them. `self`: the package's own key, if known. */
function parseLinks(list: string, self?: string): PlanLink[] | string {
  const links: PlanLink[] = [];
  for (const item of list.split(/\s*,\s*|\s+and\s+|\s+/i).filter(Boolean)) {
    const m = DEP_RE.exec(item);
    if (!m?.[1]) {
      return (
        keyProblem(item.split(/[:+]/)[0] ?? item, "a dependency") ??
        `"${item}" is not a dependency: write design, design+1 or design:SS+1 (types FS, SS, FF, SF).`
      );
    }
    const dep = m[1];
    if (dep === self) return `${self} can't come after itself.`;
    const lag = m[4] ? Number(m[4]) * (m[3] === "-" ? -1 : 1) : 0;
    if (Math.abs(lag) > MAX_DAYS) return `A lag is at most ${MAX_DAYS} working days.`;
    links.push({ key: dep, type: (m[2]?.toUpperCase() ?? "FS") as PlanLinkType, lagDays: lag });
  }
  return links;
}

function unquote(text: string): string {
  const t = text.trim();
  const first = t[0] ?? "";
  const last = t.at(-1) ?? "";
  return t.length >= 2 && OPEN_QUOTES.has(first) && CLOSE_QUOTES.has(last) ? t.slice(1, -1).trim() : t;
}

const EDIT_FIELDS: Record<string, keyof WorkPackageChange> = {
  title: "title",
  duration: "durationDays",
  days: "durationDays",
  after: "dependsOn",
  "depends on": "dependsOn",
  dependson: "dependsOn",
  owner: "owner",
  phase: "phase",
  deadline: "deadline",
};
const FIELD_RE = /(?:^|[\s;])(title|duration|days|after|depends on|dependson|owner|phase|deadline)\s*:/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const EDIT_USAGE = "Usage: /plan edit <key or title> <field>: <value>, e.g. /plan edit build duration: 4d";

function parseEdit(args: string): PlanCommand {
  const first = FIELD_RE.exec(args);
  if (!args || !first) return error(EDIT_USAGE);
  const ref = unquote(args.slice(0, first.index));
  if (!ref) return error(`Edit which work package? ${EDIT_USAGE}`);
  const change: WorkPackageChange = {};
  // "duration: 4d; after: design" — each field up to the next one.
  const body = args.slice(first.index).replace(/^[\s;]+/, "");
  const parts = body.split(/;\s*(?=\S+(?:\s+on)?\s*:)/);
  for (const part of parts) {
    const m = /^([a-z ]+?)\s*:\s*([\s\S]*)$/i.exec(part.trim());
    const field = m ? EDIT_FIELDS[(m[1] ?? "").toLowerCase()] : undefined;
    if (!m || !field) return error(`I didn't understand "${part.trim()}". ${EDIT_USAGE}`);
    const value = unquote(m[2] ?? "");
    const none = /^(none|-|nobody|no one)$/i.test(value);
    switch (field) {
      case "title":
        if (!value) return error("title: the title is empty.");
        if (value.length > MAX_TITLE) return error(`title: longer than ${MAX_TITLE} characters.`);
        change.title = value;
        break;
      case "durationDays": {
        const d = /^(\d+)\s*(d|days?)?$/i.exec(value);
        if (!d) return error(`duration: "${value}" is not a duration; write whole working days, like 3d.`);
        if (Number(d[1]) > MAX_DAYS) return error(`duration: at most ${MAX_DAYS} working days.`);
        change.durationDays = Number(d[1]);
        break;
      }
      case "dependsOn": {
        if (none) {
          change.dependsOn = [];
          break;
        }
        const links = parseLinks(value);
        if (typeof links === "string") return error(`after: ${links}`);
        change.dependsOn = links;
        break;
      }
      case "owner":
      case "phase":
        if (value.length > 200) return error(`${field}: longer than 200 characters.`);
        change[field] = none || !value ? null : value;
        break;
      case "deadline":
        if (!none && !DATE_RE.test(value)) return error(`deadline: write a date as YYYY-MM-DD, or none.`);
        change.deadline = none ? null : value;
        break;
    }
  }
  return { kind: "edit", ref, change };
}

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** `mon-fri`, `mon,tue,thu`, `1-5` as ISO weekdays (1 = Monday), or null. */
function parseWorkdays(text: string): number[] | null {
  const day = (w: string) => {
    const n = Number(w);
    if (Number.isInteger(n) && n >= 1 && n <= 7) return n;
    const i = WEEKDAYS.indexOf(w.toLowerCase().slice(0, 3));
    return i < 0 ? null : i + 1;
  };
  const out = new Set<number>();
  for (const item of text.split(/[\s,]+/).filter(Boolean)) {
    const [a = "", b] = item.split("-");
    const from = day(a);
    const to = b === undefined ? from : day(b);
    if (from === null || to === null || to < from) return null;
    for (let d = from; d <= to; d++) out.add(d);
  }
  return out.size ? [...out].sort() : null;
}

function parseCalendar(args: string): PlanCommand {
  if (!args) return { kind: "calendar", change: null };
  const [what = "", ...rest] = args.split(/\s+/);
  const value = rest.join(" ").trim();
  const none = /^(none|-)$/i.test(value);
  switch (what.toLowerCase()) {
    case "country":
      if (!value) return error("Which country? e.g. /plan calendar country GB (or DE-BY, or none)");
      return { kind: "calendar", change: { country: none ? null : value.toUpperCase() } };
    case "holiday":
    case "holidays": {
      if (none) return { kind: "calendar", change: { clearHolidays: true } };
      const dates = value.split(/[\s,]+/).filter(Boolean);
      const bad = dates.find((d) => !DATE_RE.test(d));
      if (!dates.length || bad)
        return error(`holidays: ${bad ? `"${bad}" is not` : "write"} a date as YYYY-MM-DD, e.g. 2026-12-24.`);
      return { kind: "calendar", change: { addHolidays: dates } };
    }
    case "start":
      if (!DATE_RE.test(value)) return error("start: write a date as YYYY-MM-DD, e.g. 2026-03-09.");
      return { kind: "calendar", change: { start: value } };
    case "workdays":
    case "weekdays": {
      const days = parseWorkdays(value);
      if (!days) return error("workdays: e.g. mon-fri, or mon-thu, or mon,tue,wed.");
      return { kind: "calendar", change: { workdays: days } };
    }
    default:
      return error(
        `I don't know "/plan calendar ${what}". Try country, holidays, start or workdays (/plan help).`,
      );
  }
}

/** The calendar after a change. */
export function changedCalendar(calendar: PlanCalendar, change: CalendarChange): PlanCalendar {
  return {
    start: change.start ?? calendar.start,
    workdays: change.workdays ?? calendar.workdays,
    holidays: change.clearHolidays
      ? []
      : [...new Set([...calendar.holidays, ...(change.addHolidays ?? [])])].sort(),
    country: change.country === undefined ? calendar.country : change.country,
  };
}

/** The work package a person named: by key, else by title (any case); or what to say instead. */
export function findWorkPackage(plan: PlanSummary, ref: string): PlanSummaryWorkPackage | string {
  const byKey = plan.workPackages.find((w) => w.key === ref);
  if (byKey) return byKey;
  const lower = ref.toLowerCase();
  const byTitle = plan.workPackages.filter((w) => w.title.toLowerCase() === lower);
  if (byTitle.length === 1 && byTitle[0]) return byTitle[0];
  if (byTitle.length > 1)
    return `${byTitle.length} work packages are called "${ref}": name one by its key (${byTitle.map((w) => w.key).join(", ")}).`;
  const keys = plan.workPackages.map((w) => w.key);
  return `No work package called "${ref}".${keys.length ? ` The keys are ${keys.slice(0, 20).join(", ")}${keys.length > 20 ? ", …" : ""}.` : ""}`;
}

/** The calendar in words: `Mon–Fri; holidays 2026-12-24; public holidays of GB`. */
export function formatCalendar(calendar: PlanCalendar): string[] {
  const names = calendar.workdays.map((d) => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d - 1]);
  const consecutive = calendar.workdays.every((d, i) => i === 0 || d === (calendar.workdays[i - 1] ?? 0) + 1);
  return [
    `Starts ${calendar.start} (or the first working day after it).`,
    `Working days: ${consecutive && names.length > 2 ? `${names[0]}–${names.at(-1)}` : names.join(", ")}.`,
    `Public holidays: ${calendar.country ? `${calendar.country}'s are skipped` : "none skipped (set a country: /plan calendar country GB)"}.`,
    `Other days off: ${calendar.holidays.length ? calendar.holidays.join(", ") : "none"}.`,
  ];
}

/**
 * An API refusal about the plan in a person's words, naming each field as chat writes it:
 * `depends on: no work package called "nothing-yet"`, never `dependsOn.0`.
 */
export function planProblems(
  details: readonly { path: string; message: string }[],
  fallback: string,
): string {
  if (!details.length) return fallback;
  return details
    .map((d) => {
      // "key: \"build\" depends on it" (a removal refused) reads better without the field.
      const field = /depends on it$/.test(d.message) ? "" : fieldName(d.path);
      const message = d.message
        .replace(/^unknown work package "(.*)"$/, 'no work package called "$1"')
        .replace(/^Required$/i, "missing");
      return field ? `${field}: ${message}` : message;
    })
    .join("; ");
}

function fieldName(path: string): string {
  const own = path.replace(/^workPackages\.\d+\./, "");
  if (/^dependsOn(\.|$)/.test(own)) return /lagDays$/.test(own) ? "lag" : "depends on";
  if (own === "durationDays") return "duration";
  if (own.startsWith("calendar.")) {
    const part = own.split(".")[1] ?? "";
    return (
      (
        { workdays: "working days", holidays: "holidays", start: "start", country: "country" } as Record<
          string,
          string
        >
      )[part] ?? part
    );
  }
  if (own === "body" || own === "workPackages" || own === "") return "";
  return own.replace(/\.\d+$/, "");
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
  // A chat message stays readable (and within the platforms' limits): the rest is in the roadmap.
  for (const w of ordered.slice(0, MAX_LISTED)) {
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
  if (ordered.length > MAX_LISTED)
    lines.push(
      `… and ${ordered.length - MAX_LISTED} more work packages: the whole roadmap is GET /v1/workshops/<id>/roadmap?format=md (or csv, ics).`,
    );
  return lines;
}

function days(n: number): string {
  return `${n} working day${n === 1 ? "" : "s"}`;
}
