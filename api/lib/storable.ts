import { DomainError, type ErrorDetail } from "../errors.js";

/**
 * What PostgreSQL cannot store, refused as input before any work: validation passes these, the
 * database then fails on them (a 500 before this check existed).
 * - U+0000 in any string, key or value, jsonb included: `text` and `jsonb` cannot hold it.
 * - Dates and instants outside the years 0001–9999: PostgreSQL has no year 0 (`0000-01-01` is out of
 *   range), and JavaScript prints years past 9999 as `+010000-…`, which it cannot read. An instant is
 *   judged in UTC, as it is stored (`0001-01-01T00:00:00+14:00` is in the year 0000).
 * - Values nested deeper than MAX_JSON_DEPTH: nothing Baton takes is deeper than a handful of levels,
 *   and a 100,000-deep value overflows the stack of whatever walks it next (zod, JSON.stringify).
 */
export const MAX_JSON_DEPTH = 64;

const MIN_YEAR = 1;
const MAX_YEAR = 9999;
/** An ISO date or date-time as zod's `iso.date()`/`iso.datetime()` accept them (and a few more). */
const ISO_DATE_LIKE = /^([+-]?\d{4,6})-\d{2}-\d{2}(?:[T ](.*))?$/;

/** The first thing in `value` that PostgreSQL could not store, named by its dotted path; null if none. */
export function findUnstorable(value: unknown, root = "body"): ErrorDetail | null {
  // Iterative, so that a hostile depth cannot overflow the stack here.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  const name = (path: string) => path || root;
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    const v = item.value;
    if (typeof v === "string") {
      const problem = stringProblem(v);
      if (problem) return { path: name(item.path), message: problem };
    } else if (v instanceof Date) {
      const problem = instantProblem(v);
      if (problem) return { path: name(item.path), message: problem };
    } else if (v !== null && typeof v === "object") {
      if (item.depth >= MAX_JSON_DEPTH) {
        return { path: name(item.path), message: `nested more than ${MAX_JSON_DEPTH} levels deep` };
      }
      const entries = Array.isArray(v) ? v.map((e, i) => [String(i), e] as const) : Object.entries(v);
      for (const [key, child] of entries) {
        const path = item.path ? `${item.path}.${key}` : key;
        if (key.includes("\u0000")) {
          return { path: name(item.path), message: "a field name contains the character U+0000 (NUL)" };
        }
        stack.push({ value: child, path, depth: item.depth + 1 });
      }
    }
  }
  return null;
}

function stringProblem(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain the character U+0000 (NUL)";
  const date = ISO_DATE_LIKE.exec(s);
  if (!date) return null;
  const year = Number(date[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return `the year must be between 0001 and 9999`;
  if (date[2] !== undefined) {
    const at = new Date(s.replace(" ", "T"));
    if (!Number.isNaN(at.getTime())) return instantProblem(at);
  }
  return null;
}

function instantProblem(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return "not a valid date";
  const year = d.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) return "the instant must fall in the years 0001–9999 (UTC)";
  return null;
}

/** Throws a 400 naming the field when `value` holds something PostgreSQL could not store. */
export function assertStorable(value: unknown, root = "body"): void {
  const problem = findUnstorable(value, root);
  if (problem) {
    throw new DomainError("VALIDATION", `Invalid request: ${problem.path}: ${problem.message}`, [problem]);
  }
}

/** `?name=%00` and `/x%00/`: a NUL anywhere in the URL, named by its query parameter or as the path. */
export function findUnstorableInUrl(url: string): ErrorDetail | null {
  if (!/%00/i.test(url)) return null;
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  if (/%00/i.test(path)) return { path: "path", message: "must not contain the character U+0000 (NUL)" };
  for (const part of url.slice(q + 1).split("&")) {
    if (!/%00/i.test(part)) continue;
    const key = part.split("=")[0] ?? "";
    let decoded = key;
    try {
      decoded = decodeURIComponent(key.replaceAll("+", " ")).replaceAll("\u0000", "\\0");
    } catch {}
    return { path: decoded || "query", message: "must not contain the character U+0000 (NUL)" };
  }
  return null;
}
