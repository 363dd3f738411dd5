import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Config, loadConfig } from "../../api/config.js";
import { startNodeServer } from "../../api/node-server.js";
import { logSink } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

// Starts the real Node server twice on one database, as `npm start` would on a first and a second day.
let dir: string;
let pg: TestDatabase | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "baton-start-"));
  if (process.env.DATABASE_URL) {
    pg = await createTestDatabase();
    await pg.close();
  }
});
afterAll(async () => {
  await pg?.destroy();
  await rm(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}) {
  const printed: string[] = [];
  const logs = logSink();
  const config = Config.parse({
    PORT: "0",
    PGLITE_DIR: join(dir, "db"),
    DATABASE_URL: pg?.url ?? "",
    ...env,
  });
  const server = await startNodeServer({
    config,
    print: (l) => printed.push(l),
    logDestination: logs.stream,
  });
  return { server, printed: printed.join("\n"), logs };
}

describe("the admin token at start-up", () => {
  it("is generated and printed at first start, then never printed or logged again", async () => {
    const first = await start();
    const token = /baton_[A-Za-z0-9_-]{43}/.exec(first.printed)?.[0];
    expect(token).toBeDefined();
    expect(first.printed).toContain(`listening on ${first.server.url}`);
    expect(first.printed).toContain("/docs");
    // It works.
    const ok = await fetch(`${first.server.url}/v1/workshops`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(ok.status).toBe(200);
    expect(first.logs.text()).not.toContain(token);
    await first.server.close();

    const second = await start();
    expect(second.printed).not.toMatch(/baton_[A-Za-z0-9_-]{20,}/);
    expect(second.printed).toContain("printed at first start");
    const again = await fetch(`${second.server.url}/v1/workshops`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(200);
    expect(second.logs.text()).not.toContain(token);
    await second.server.close();
  });

  it("takes ADMIN_TOKEN as given and never prints it", async () => {
    const secret = "an-operator-chosen-secret-0123456789";
    const s = await start({ ADMIN_TOKEN: secret });
    expect(s.printed).not.toContain(secret);
    const res = await fetch(`${s.server.url}/v1/tokens`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(secret);
    expect(s.logs.text()).not.toContain(secret);
    await s.server.close();
  });

  it("refuses a configuration error by naming the variable, not its value", () => {
    const attempt = () =>
      loadConfig({ DATABASE_URL: "mysql://user:hunter2@db/x", ADMIN_TOKEN: "short-secret" });
    expect(attempt).toThrow(/DATABASE_URL: must be a postgres/);
    expect(attempt).toThrow(/ADMIN_TOKEN: must be at least 16 characters/);
    expect(attempt).not.toThrow(/hunter2|short-secret/);
  });
});
