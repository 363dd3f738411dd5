import { DomainError } from "../errors.js";

/** Seconds a client is asked to wait (`Retry-After`) when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** postgres.js and Node socket errors that mean "no database connection right now". */
const CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "ENOSPC",
  "EIO",
  "EROFS",
]);

export interface MappedDatabaseError {
  error: DomainError;
  /** Set for 503s: how long to wait before retrying. */
  retryAfterSeconds?: number;
}

/** The SQLSTATE (or driver code) of an error, however drizzle wrapped it; undefined if none. */
export function databaseErrorCode(err: unknown): string | undefined {
  let depth = 0;
  for (let e: unknown = err; e && typeof e === "object" && depth < 8; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (/^[0-9A-Z]{5}$/.test(code) || CONNECTION_CODES.has(code))) return code;
    // PGlite's file system errors (a full disk, a read-only folder) carry an errno, no SQLSTATE.
    if ((e as { name?: unknown }).name === "ErrnoError") return "EIO";
    if (e instanceof Error && /PGlite is closed|database is closed/i.test(e.message))
      return "CONNECTION_ENDED";
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const unavailable = (message: string): MappedDatabaseError => ({
  error: new DomainError("UNAVAILABLE", message),
  retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
});

/**
 * A database error that escaped the services, mapped by its SQLSTATE class: what the client sent
 * (class 22 data, 23 integrity, 54 limits) is a 4xx; what the database cannot do now (08 connection,
 * 40 rollback, 53 resources, 57 operator intervention, 58 system, 25006 read-only) is a 503 with
 * `Retry-After`. Anything else (42 syntax, XX internal: our bugs) is not mapped (null) and stays a 500.
 * The message never repeats the database's: it may quote the values sent.
 */
export function mapDatabaseError(err: unknown): MappedDatabaseError | null {
  const code = databaseErrorCode(err);
  if (!code) return null;
  if (CONNECTION_CODES.has(code))
    return unavailable("The database is not reachable right now; try again shortly.");
  const cls = code.slice(0, 2);
  switch (cls) {
    case "22":
      return {
        error: new DomainError(
          "VALIDATION",
          "A value cannot be stored: out of range or malformed for the database.",
          [{ path: "body", message: "a value is out of range or malformed for the database" }],
        ),
      };
    case "23":
      if (code === "23502" || code === "23514") {
        return {
          error: new DomainError("VALIDATION", "A value breaks a rule of the stored data.", [
            { path: "body", message: "a value breaks a rule of the stored data" },
          ]),
        };
      }
      return {
        error: new DomainError(
          "CONFLICT",
          "The request conflicts with data stored meanwhile; reload and retry.",
        ),
      };
    case "54":
      return {
        error: new DomainError("PAYLOAD_TOO_LARGE", "A value is too large or too complex for the database.", [
          { path: "body", message: "too large or too complex for the database" },
        ]),
      };
    case "08":
    case "40":
    case "53":
    case "57":
    case "58":
      return unavailable("The database cannot answer right now; try again shortly.");
    case "25":
      if (code === "25006") return unavailable("The database is read-only right now; try again shortly.");
      return null;
    case "55":
      if (code === "55P03") return unavailable("The data is locked right now; try again shortly.");
      return null;
    default:
      return null;
  }
}

/** A stack overflow while walking the input: only a hostile depth causes it (storable.ts refuses most first). */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack size/i.test(err.message);
}
