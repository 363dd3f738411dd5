import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteDb } from "../../db/pglite.js";
import { onPostgres } from "../helpers/db.js";

// `npm start`, `npm run chat` and `npm run dora:import` as a person runs them, in real processes on one
// embedded database folder: the chat and the importer next to a running server work on its data through
// its API; alone, the chat keeps its data for the server.

const ROOT = join(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");

interface Proc {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function run(script: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(TSX, [script, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn", NO_COLOR: "1", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (c) => {
    text += String(c);
  });
  child.stderr?.on("data", (c) => {
    text += String(c);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, out: () => text, exited };
}

async function waitFor(proc: Proc, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = proc.out().match(pattern);
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output:\n${proc.out()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let dir: string;
let pgliteDir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "baton-next-to-server-"));
  pgliteDir = join(dir, "pglite");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// These run the embedded database by definition; on the PostgreSQL run they would repeat the same thing.
describe.skipIf(onPostgres)("the terminal chat and the importer next to `npm start`", () => {
  let server: Proc;
  let url: string;
  let admin: string;
  const api = async (path: string) => {
    const res = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${admin}` } });
    return (await res.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    server = run("main.ts", [], { PGLITE_DIR: pgliteDir, PORT: "0" });
    url = (await waitFor(server, /listening on (http:\/\/localhost:\d+)/))[1] as string;
    admin = (await waitFor(server, /^\s+(baton_\S+)\s*$/m))[1] as string;
  }, 90_000);
  afterAll(async () => {
    server.child.kill("SIGTERM");
    await server.exited;
  });

  it("runs a workshop in the chat that the server's API then lists", async () => {
    const chat = run("bot/console/main.ts", [], { PGLITE_DIR: pgliteDir });
    await waitFor(chat, /Working on the Baton server at http:\/\/localhost:\d+/);
    chat.child.stdin?.write("/agenda start demo\n");
    await waitFor(chat, /Started/);
    chat.child.stdin?.write("/quit\n");
    expect(await chat.exited).toBe(0);
    const list = (await api("/v1/workshops")) as { workshops: { name: string }[] };
    expect(list.workshops.map((w) => w.name)).toEqual([expect.stringMatching(/^Demo \d\d:\d\d$/)]);
  }, 90_000);

  it("imports a CSV through the running server instead of opening its database", async () => {
    const file = join(dir, "changes.csv");
    await writeFile(file, "id,committedAt,service\nc1,2025-03-04T09:00:00Z,api\n");
    const importer = run("api/cli/dora-import.ts", ["changes", file], { PGLITE_DIR: pgliteDir });
    expect(await importer.exited).toBe(0);
    expect(importer.out()).toMatch(/Sending to the Baton server at http:\/\/localhost:\d+/);
    expect(importer.out()).toMatch(/1 of 1 changes accepted: 1 created/);
  }, 90_000);

  it("says plainly when the CSV file is missing", async () => {
    const importer = run("api/cli/dora-import.ts", ["changes", join(dir, "nope.csv")], {
      PGLITE_DIR: pgliteDir,
    });
    expect(await importer.exited).toBe(2);
    expect(importer.out()).toMatch(/nope\.csv: no such file, or it cannot be read/);
    expect(importer.out()).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("refuses a second server on the same folder, naming the one that holds it", async () => {
    const second = run("main.ts", [], { PGLITE_DIR: pgliteDir, PORT: "0" });
    expect(await second.exited).not.toBe(0);
    expect(second.out()).toMatch(/is in use by a running Baton server \(`npm start`\), process \d+/);
  }, 60_000);
});

describe.skipIf(onPostgres)("the terminal chat alone", () => {
  it("keeps its workshop in the embedded database for the next start", async () => {
    const own = join(dir, "alone");
    const chat = run("bot/console/main.ts", [], { PGLITE_DIR: own });
    await waitFor(chat, /Working on the embedded database in .*alone, kept for next time/);
    chat.child.stdin?.write("/agenda start demo\n");
    await waitFor(chat, /Started/);
    chat.child.stdin?.write("/quit\n");
    expect(await chat.exited).toBe(0);
    const database = await createPgliteDb(own);
    try {
      const rows = await database.rows<{ name: string }>(sql`select name from workshops`);
      expect(rows.map((r) => r.name)).toEqual([expect.stringMatching(/^Demo \d\d:\d\d$/)]);
    } finally {
      await database.close();
    }
  }, 90_000);
});
