import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../api/cli/dora-import.js";
import { describeSummary, importDoraCsv, type Send } from "../../api/cli/import-dora-csv.js";
import { doraChanges } from "../../db/schema/dora-changes.js";
import { doraDeploymentChanges } from "../../db/schema/dora-deployment-changes.js";
import { doraIncidents } from "../../db/schema/dora-incidents.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
let dir: string;
let requests: number;
let send: Send;
beforeAll(async () => {
  t = await createTestApp();
  dir = await mkdtemp(join(tmpdir(), "baton-dora-import-"));
  const token = await t.tokenFor("ingest");
  send = async (kind, items) => {
    requests++;
    const res = await t.request("POST", `/v1/dora/${kind}`, { token, body: { items } });
    return { status: res.status, body: res.json };
  };
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  requests = 0;
  await t.database.db.execute(
    sql`truncate dora_deployment_changes, dora_deployments, dora_changes, dora_incidents`,
  );
});

async function csv(name: string, text: string) {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

/** Collects what the importer writes as progress. */
function terminal(isTTY: boolean) {
  const chunks: string[] = [];
  return { isTTY, write: (s: string) => chunks.push(s), text: () => chunks.join("") };
}

describe("importing a CSV through the API", () => {
  it("sends valid rows in batches and sums up", async () => {
    const file = await csv(
      "changes.csv",
      "id,committedAt,service\nc1,2025-03-04T09:00:00Z,api\nc2,2025-03-04T10:00:00+01:00,\nc3,2025-03-05T09:00:00Z,web\n",
    );
    const progress = terminal(false);
    const summary = await importDoraCsv({ kind: "changes", file, send, progress, batchSize: 2 });
    expect(summary).toMatchObject({ rows: 3, rejected: [], sent: 3, created: 3, failure: null });
    expect(requests).toBe(2);
    expect(progress.text()).toEqual(
      expect.stringMatching(
        /^sent 2\/3 rows, [\d,]+ rows\/s \(66%\)\nsent 3\/3 rows, [\d,]+ rows\/s \(100%\)\n$/,
      ),
    );
    const rows = await t.database.db.select().from(doraChanges);
    expect(rows.map((r) => [r.id, r.service]).sort()).toEqual([
      ["c1", "api"],
      ["c2", "default"],
      ["c3", "web"],
    ]);
    expect(describeSummary("changes", summary)).toEqual([
      "3 of 3 changes accepted: 3 created, 0 updated, 0 unchanged.",
    ]);
    // Importing the same file again is a retry: nothing changes.
    const again = await importDoraCsv({ kind: "changes", file, send, progress: terminal(false) });
    expect(again).toMatchObject({ created: 0, unchanged: 3 });
  });

  it("shows a progress bar on a terminal", async () => {
    const file = await csv("one.csv", "id,committedAt\nc1,2025-03-04T09:00:00Z\n");
    const progress = terminal(true);
    await importDoraCsv({ kind: "changes", file, send, progress });
    expect(progress.text()).toMatch(/^\r\[#{30}\] 100% 1\/1 rows, [\d,]+ rows\/s\n$/);
  });

  it("splits change ids and leaves empty cells out", async () => {
    const deployments = await csv(
      "deployments.csv",
      'id,deployedAt,changeIds,environment\nd1,2025-03-04T09:00:00Z,"c1;c2 c3",\nd2,2025-03-05T09:00:00Z,,staging\n',
    );
    expect(
      await importDoraCsv({ kind: "deployments", file: deployments, send, progress: terminal(false) }),
    ).toMatchObject({
      sent: 2,
    });
    const links = await t.database.db.select().from(doraDeploymentChanges);
    expect(links.map((l) => `${l.deploymentId}/${l.changeId}/${l.environment}`).sort()).toEqual([
      "d1/c1/production",
      "d1/c2/production",
      "d1/c3/production",
    ]);
    const incidents = await csv(
      "incidents.csv",
      "id,createdAt,resolvedAt,rootCauseChangeId\ni1,2025-03-06T09:00:00Z,,\ni2,2025-03-06T09:00:00Z,2025-03-06T10:00:00Z,c1\n",
    );
    await importDoraCsv({ kind: "incidents", file: incidents, send, progress: terminal(false) });
    const stored = await t.database.db.select().from(doraIncidents);
    expect(stored.map((i) => [i.id, i.resolvedAt, i.rootCauseChangeId]).sort()).toEqual([
      ["i1", null, null],
      ["i2", new Date("2025-03-06T10:00:00Z"), "c1"],
    ]);
  });

  it("rejects bad rows with their line numbers and sends nothing at all", async () => {
    const file = await csv(
      "bad.csv",
      [
        "id,deployedAt,status",
        "d1,2025-03-04T09:00:00Z,success",
        "d2,yesterday,success",
        "",
        "d3,2025-03-04T09:00:00Z,rolled-back",
        "d1,2025-03-05T09:00:00Z,success",
        "d4,2025-03-06T09:00:00Z,failure",
      ].join("\n"),
    );
    const summary = await importDoraCsv({
      kind: "deployments",
      file,
      send,
      progress: terminal(false),
      batchSize: 1,
    });
    expect(requests).toBe(0);
    expect(summary.sent).toBe(0);
    expect(summary.rejected).toEqual([
      { line: 3, problems: [expect.stringMatching(/^column deployedAt: must be an ISO 8601 instant/)] },
      { line: 5, problems: ["column status: must be one of success, failure"] },
      { line: 6, problems: ["column id: repeats line 2"] },
    ]);
    expect(describeSummary("deployments", summary)[0]).toBe("3 of 5 rows rejected; nothing was sent:");
    expect(describeSummary("deployments", summary)[1]).toMatch(/^ {2}line 3: column deployedAt: /);
  });

  it("rejects in its first pass what the API would refuse: NUL, the year 0000, an empty required cell", async () => {
    const file = await csv(
      "unstorable.csv",
      [
        "id,deployedAt,service,changeIds",
        "d1,2025-03-04T09:00:00Z,api,c1",
        "d\u0000,2025-03-04T09:00:00Z,api,",
        "d3,0000-01-01T00:00:00Z,api,",
        "d4,2025-03-04T09:00:00Z,we\u0000b,",
        "d5,,api,",
        "d6,2025-03-04T09:00:00Z,api,c1;c\u0000",
        `d7,2025-03-04T09:00:00Z,${"x".repeat(201)},`,
      ].join("\n"),
    );
    const summary = await importDoraCsv({ kind: "deployments", file, send, progress: terminal(false) });
    expect(requests).toBe(0);
    expect(summary.rejected).toEqual([
      { line: 3, problems: ["column id: must not contain the character U+0000 (NUL)"] },
      { line: 4, problems: ["column deployedAt: the year must be between 0001 and 9999"] },
      { line: 5, problems: ["column service: must not contain the character U+0000 (NUL)"] },
      { line: 6, problems: ["column deployedAt: is empty; a value is required"] },
      { line: 7, problems: ["column changeIds (item 2): must not contain the character U+0000 (NUL)"] },
      { line: 8, problems: ["column service: must be at most 200 characters"] },
    ]);
    // Each of them is what the API itself answers for that row.
    const token = await t.tokenFor("ingest");
    const api = await t.request("POST", "/v1/dora/deployments", {
      token,
      body: { items: [{ id: "d3", deployedAt: "0000-01-01T00:00:00Z" }] },
    });
    expect(api.status).toBe(400);
    expect(api.json.error.details).toEqual([{ path: "items.0.deployedAt", message: expect.any(String) }]);
  });

  it.each([
    ["an unknown column", "id,committedAt,author\nc1,2025-03-04T09:00:00Z,ana\n", /unknown column author/],
    ["a missing column", "id\nc1\n", /missing column committedAt/],
    ["a row with too many cells", "id,committedAt\nc1,2025-03-04T09:00:00Z,extra\n", /not a readable CSV/],
  ])("refuses a file with %s before sending anything", async (_name, text, message) => {
    const file = await csv("odd.csv", text);
    const summary = await importDoraCsv({ kind: "changes", file, send, progress: terminal(false) });
    expect(summary.failure).toMatch(message);
    expect(requests).toBe(0);
  });

  it("stops at a refused batch and says the earlier ones were written", async () => {
    const file = await csv(
      "ok.csv",
      "id,committedAt\nc1,2025-03-04T09:00:00Z\nc2,2025-03-04T09:00:00Z\nc3,2025-03-04T09:00:00Z\n",
    );
    let calls = 0;
    const flaky: Send = async (kind, items) =>
      ++calls === 2
        ? { status: 503, body: { error: { message: "The database is not reachable." } } }
        : send(kind, items);
    const summary = await importDoraCsv({
      kind: "changes",
      file,
      send: flaky,
      progress: terminal(false),
      batchSize: 1,
    });
    expect(summary).toMatchObject({
      sent: 1,
      failure: expect.stringContaining("lines 3–3 was refused (503)"),
    });
    expect(describeSummary("changes", summary).at(-1)).toMatch(/re-running the import is safe/);
  });
});

describe("the command", () => {
  const io = () => {
    const out: string[] = [];
    return { out, io: { out: (l: string) => void out.push(l), err: terminal(false) } };
  };

  it.each([[[]], [["commits", "x.csv"]], [["changes"]], [["changes", "a.csv", "b.csv"]]])(
    "prints its usage for %j",
    async (argv) => {
      const { out, io: cli } = io();
      expect(await main(argv, {}, cli)).toBe(2);
      expect(out[0]).toMatch(/^Usage: npm run dora:import/);
    },
  );

  it("imports over HTTP with API_URL and API_TOKEN", async () => {
    const file = await csv("http.csv", "id,committedAt\nc9,2025-03-04T09:00:00Z\n");
    const server = (await import("../../bench/lib.js")).listen(t.app.fetch);
    const { url, close } = await server;
    try {
      const { out, io: cli } = io();
      const code = await main(
        ["changes", file],
        { API_URL: url, API_TOKEN: await t.tokenFor("ingest") },
        cli,
      );
      expect(out).toEqual(["1 of 1 changes accepted: 1 created, 0 updated, 0 unchanged."]);
      expect(code).toBe(0);
    } finally {
      await close();
    }
  });

  it("imports in-process into the configured database by default, with a token it revokes after", async () => {
    const file = await csv("local.csv", "id,createdAt\ni1,2025-03-04T09:00:00Z\n");
    const { out, io: cli } = io();
    const env = { PGLITE_DIR: join(dir, "pglite"), LOG_LEVEL: "silent" };
    expect(await main(["incidents", file], env, cli)).toBe(0);
    expect(out).toEqual(["1 of 1 incidents accepted: 1 created, 0 updated, 0 unchanged."]);
    const { createDb } = await import("../../db/index.js");
    const db = await createDb({ pgliteDir: env.PGLITE_DIR });
    try {
      expect(await db.rows(sql`select id from dora_incidents`)).toEqual([{ id: "i1" }]);
      const tokens = await db.rows<{ role: string; revoked: boolean }>(
        sql`select role, revoked_at is not null as revoked from api_tokens`,
      );
      expect(tokens).toEqual([{ role: "ingest", revoked: true }]);
    } finally {
      await db.close();
    }
  });

  it("refuses half an HTTP configuration", async () => {
    const { out, io: cli } = io();
    expect(await main(["changes", "x.csv"], { API_URL: "http://localhost:3000" }, cli)).toBe(2);
    expect(out[0]).toMatch(/both API_URL and API_TOKEN/);
  });
});
