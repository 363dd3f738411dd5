import type { Config } from "./config.js";

/** Emscripten's errno numbers, as PGlite's file system reports them (ErrnoError { errno }). */
const EMSCRIPTEN_ERRNO: Record<number, string> = {
  2: "EACCES",
  44: "ENOENT",
  51: "ENOSPC",
  63: "EPERM",
  69: "EROFS",
};

const CAUSES: Record<string, string> = {
  EACCES: "not writable (permission denied)",
  EPERM: "not writable (operation not permitted)",
  EROFS: "on a read-only file system",
  ENOSPC: "the disk is full",
  ENOENT: "a folder in the path does not exist",
  ENOTDIR: "a part of the path is a file, not a folder",
  ECONNREFUSED: "nothing accepts connections there",
  ENOTFOUND: "the host name does not resolve",
  CONNECT_TIMEOUT: "no answer within the connect timeout",
  "3D000": "the database does not exist",
  "28P01": "the password was refused",
  "28000": "the role may not log in",
};

function codeOf(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; e && typeof e === "object" && i < 6; i++) {
    const { code, errno, name } = e as { code?: unknown; errno?: unknown; name?: unknown };
    if (typeof code === "string" && code) return code;
    if (name === "ErrnoError" && typeof errno === "number")
      return EMSCRIPTEN_ERRNO[errno] ?? `errno ${errno}`;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Why start-up failed, in one line naming the variable at fault and the cause; never a stack. */
export function startupProblem(
  err: unknown,
  config: Pick<Config, "DATABASE_URL" | "PGLITE_DIR" | "PORT">,
): string {
  const code = codeOf(err);
  const cause = (code && CAUSES[code]) ?? (err instanceof Error ? err.message.split("\n")[0] : String(err));
  if (code === "EADDRINUSE") return `PORT=${config.PORT}: the port is already in use`;
  if (config.DATABASE_URL) {
    let where = "DATABASE_URL";
    try {
      const url = new URL(config.DATABASE_URL);
      where = `DATABASE_URL (${url.hostname}:${url.port || 5432}${url.pathname})`;
    } catch {}
    return `${where}: ${cause}${code && !CAUSES[code] ? ` (${code})` : ""}`;
  }
  // "<folder> is in use by …" (another process holds it) already names the folder.
  if (!code && cause?.startsWith(`${config.PGLITE_DIR} `)) return `PGLITE_DIR=${cause}`;
  return `PGLITE_DIR=${config.PGLITE_DIR}: ${cause}${code ? ` (${code})` : ""}`;
}
