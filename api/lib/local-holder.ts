import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/**
 * Embedded PGlite is one process's database: two processes opening the same folder corrupt it
 * ("Aborted()"). So the process that opens it leaves a note beside the folder saying who holds it; a
 * `npm start` that holds it also says where its API listens and gives the terminal chat and the
 * importer tokens of their own, so they work on the same data through the API with nothing to copy.
 * The note sits next to the folder (`.data/pglite.holder.json`) with mode 0600: whoever can read it
 * can read the database folder beside it anyway.
 */
export interface LocalHolder {
  pid: number;
  /** What holds the folder: the API server (`npm start`), the terminal chat, or the CSV importer. */
  kind: "server" | "chat" | "import";
  /** Where the server's API listens (servers only). */
  url?: string;
  /** A `bot` token for the terminal chat (servers only; revoked when the server stops). */
  chatToken?: string;
  /** An `ingest` token for `npm run dora:import` (servers only; revoked when the server stops). */
  importToken?: string;
}

/** True for a folder PGlite keeps on disk (not `memory://`). */
export function isOnDisk(pgliteDir: string): boolean {
  return !pgliteDir.startsWith("memory://");
}

export function holderFile(pgliteDir: string): string {
  return `${resolve(pgliteDir).replace(/[/\\]+$/, "")}.holder.json`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live process holding the folder, or null (no note, an unreadable one, or its process is gone). */
export async function readHolder(pgliteDir: string): Promise<LocalHolder | null> {
  if (!isOnDisk(pgliteDir)) return null;
  let holder: LocalHolder;
  try {
    holder = JSON.parse(await readFile(holderFile(pgliteDir), "utf8")) as LocalHolder;
  } catch {
    return null;
  }
  if (!Number.isInteger(holder.pid) || holder.pid === process.pid || !alive(holder.pid)) return null;
  return holder;
}

/**
 * Like readHolder, but waits (up to `timeoutMs`) while a server that is still starting has not yet
 * said where it listens, so a chat or import started right after `npm start` finds its API.
 */
export async function awaitHolder(pgliteDir: string, timeoutMs = 60_000): Promise<LocalHolder | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const holder = await readHolder(pgliteDir);
    if (holder?.kind !== "server" || holder.url || Date.now() >= deadline) return holder;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Leaves the note; returns a function that removes it (only if it is still this process's). */
export async function writeHolder(
  pgliteDir: string,
  holder: Omit<LocalHolder, "pid">,
): Promise<() => Promise<void>> {
  if (!isOnDisk(pgliteDir)) return async () => {};
  const file = holderFile(pgliteDir);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ pid: process.pid, ...holder }), { mode: 0o600 });
  return async () => {
    try {
      const current = JSON.parse(await readFile(file, "utf8")) as LocalHolder;
      if (current.pid === process.pid) await rm(file, { force: true });
    } catch {
      // Already gone.
    }
  };
}

const NAMES: Record<LocalHolder["kind"], string> = {
  server: "a running Baton server (`npm start`)",
  chat: "the terminal chat (`npm run chat`)",
  import: "the CSV importer (`npm run dora:import`)",
};

/** One line for a person whose command cannot open the folder because another process holds it. */
export function heldMessage(pgliteDir: string, holder: LocalHolder, wanted: string): string {
  return (
    `${pgliteDir} is in use by ${NAMES[holder.kind]}, process ${holder.pid}: the embedded database ` +
    `serves one process at a time. Stop that process first, or set PGLITE_DIR to another folder for ${wanted}.`
  );
}
