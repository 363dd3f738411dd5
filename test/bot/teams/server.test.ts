import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Config } from "../../../api/config.js";
import { type RunningServer, startNodeServer } from "../../../api/node-server.js";
import { logSink } from "../../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";

// `TEAMS_ALLOW_ANONYMOUS=1 npm start`: the Emulator mode, on the one server, with a loud warning.
let dir: string;
let pg: TestDatabase | undefined;
let server: RunningServer;
const logs = logSink();
const printed: string[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "baton-teams-"));
  if (process.env.DATABASE_URL) {
    pg = await createTestDatabase();
    await pg.close();
  }
  const config = Config.parse({
    PORT: "0",
    PGLITE_DIR: join(dir, "db"),
    DATABASE_URL: pg?.url ?? "",
    TEAMS_ALLOW_ANONYMOUS: "1",
  });
  server = await startNodeServer({ config, print: (l) => printed.push(l), logDestination: logs.stream });
});
afterAll(async () => {
  await server.close();
  await pg?.destroy();
  await rm(dir, { recursive: true, force: true });
});

it("serves /api/messages in Emulator mode, warning loudly, and answers expectReplies in the body", async () => {
  expect(printed.join("\n")).toContain("Chat: Teams (UNSIGNED Emulator mode at POST /api/messages)");
  expect(logs.text()).toContain("accepts UNSIGNED activities");
  const res = await fetch(`${server.url}/api/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      type: "message",
      id: "e-1",
      text: "agenda help",
      channelId: "emulator",
      serviceUrl: "http://127.0.0.1:9/",
      deliveryMode: "expectReplies",
      from: { id: "user-1", name: "Ada" },
      recipient: { id: "bot", name: "Baton" },
      conversation: { id: "conv-1" },
    }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { activities: { text: string }[] };
  expect(body.activities[0]?.text).toBe("Baton runs the workshop from here:");
});
