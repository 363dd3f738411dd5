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
  // Iterative, so that a hostile depth cannot overflow the stack here; paths are built only for the
  // one value at fault (a 10,000-item batch is walked in a few milliseconds).
  const values: unknown[] = [value];
  const depths: number[] = [0];
  const parents: number[] = [-1];
  const keys: string[] = [""];
  const pathOf = (at: number): string => {
    const parts: string[] = [];
    for (let i = at; i > 0; i = parents[i] as number) parts.push(keys[i] as string);
    return parts.reverse().join(".") || root;
  };
  for (let at = 0; at < values.length; at++) {
    const v = values[at];
    if (typeof v === "string") {
      const problem = stringProblem(v);
      if (problem) return { path: pathOf(at), message: problem };
    } else if (v instanceof Date) {
      const problem = instantProblem(v);
      if (problem) return { path: pathOf(at), message: problem };
    } else if (v !== null && typeof v === "object") {
      const depth = depths[at] as number;
      if (depth >= MAX_JSON_DEPTH) {
        return { path: pathOf(at), message: `nested more than ${MAX_JSON_DEPTH} levels deep` };
      }
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          values.push(v[i]);
          depths.push(depth + 1);
          parents.push(at);
          keys.push(String(i));
        }
      } else {
        for (const key in v) {
          if (!Object.hasOwn(v, key)) continue;
          if (key.includes("\u0000")) {
            return { path: pathOf(at), message: "a field name contains the character U+0000 (NUL)" };
          }
          values.push((v as Record<string, unknown>)[key]);
          depths.push(depth + 1);
          parents.push(at);
          keys.push(key);
        }
      }
    }
  }
  return null;
}

function stringProblem(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain the character U+0000 (NUL)";
  // Cheap first: only strings shaped like a date go through the expression.
  if (s.length < 10 || s.length > 64 || s.indexOf("-", 4) < 4) return null;
  const date = ISO_DATE_LIKE.exec(s);
  if (!date) return null;
  const year = Number(date[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return "the year must be between 0001 and 9999";
  // An offset moves an instant by at most a day: only the first and last years can leave the range.
  if (date[2] !== undefined && (year === MIN_YEAR || year === MAX_YEAR)) {
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
