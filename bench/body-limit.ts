import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { loadConfig } from "../api/config.js";
import { startNodeServer } from "../api/node-server.js";
import { fmt, machine } from "./lib.js";

const MIB = 1024 * 1024;
const BODY_BYTES = 64 * MIB;

/**
 * An unsigned 64 MiB body to `/slack/events` (and to `/api/messages` without a token), streamed in
 * 64 KiB chunks with and without a Content-Length, on the real server: the peak growth of the
 * process's resident memory while it is refused. Limits before work keep it far under 20 MB.
 */
export async function benchBodyLimit(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "baton-bench-"));
  // A stand-in for the Slack Web API: the bot checks its token at start-up.
  const slackApi = createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" }));
  });
  await new Promise<void>((r) => slackApi.listen(0, "127.0.0.1", r));
  const config = loadConfig({
    PORT: "0",
    PGLITE_DIR: "memory://",
    LOG_LEVEL: "silent",
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: "bench-signing-secret",
    SLACK_API_URL: `http://127.0.0.1:${(slackApi.address() as AddressInfo).port}/api/`,
    MICROSOFT_APP_ID: "00000000-0000-0000-0000-000000000000",
    MICROSOFT_APP_PASSWORD: "bench",
  });
  const server = await startNodeServer({
    config,
    print: () => {},
    logDestination: new Writable({ write: (_c, _e, cb) => cb() }),
  });
  const rows: string[] = [];
  try {
    for (const [path, headers] of [
      ["/slack/events", {}],
      ["/slack/events", { "x-slack-signature": `v0=${"0".repeat(64)}`, "x-slack-request-timestamp": "" }],
      ["/api/messages", {}],
    ] as const) {
      for (const declared of [false, true]) {
        global.gc?.();
        await new Promise((r) => setTimeout(r, 200));
        const before = process.memoryUsage().rss;
        let peak = before;
        const sampler = setInterval(() => {
          peak = Math.max(peak, process.memoryUsage().rss);
        }, 5);
        const started = performance.now();
        const { status, sentBytes } = await send(
          `${server.url}${path}`,
          {
            ...headers,
            ...("x-slack-request-timestamp" in headers
              ? { "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)) }
              : {}),
          },
          declared,
        );
        const ms = performance.now() - started;
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage().rss);
        const label = `${path}${"x-slack-signature" in headers ? " (forged signature)" : " (unsigned)"}, ${declared ? "Content-Length" : "chunked"}`;
        rows.push(
          `| ${label} | ${status} | ${fmt(sentBytes / MIB)} | ${fmt((peak - before) / MIB)} | ${fmt(ms, 0)} |`,
        );
      }
    }
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
    slackApi.close();
  }
  console.log(`\n## body-limit — 64 MiB unsigned bodies to the bot endpoints\n\n${machine()}\n`);
  console.log("| request | status | MiB sent before the answer | peak RSS growth MB | ms |");
  console.log("|---|---:|---:|---:|---:|");
  for (const row of rows) console.log(row);
}

/** Streams BODY_BYTES and stops sending as soon as the server answers. */
function send(url: string, headers: Record<string, string>, declared: boolean) {
  return new Promise<{ status: number; sentBytes: number }>((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const req = request(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...headers,
        ...(declared ? { "content-length": String(BODY_BYTES) } : {}),
      },
    });
    req.on("response", (res) => {
      answered = true;
      res.resume();
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sentBytes });
      });
    });
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const write = () => {
      while (!answered && sentBytes < BODY_BYTES) {
        sentBytes += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      if (!answered) req.end();
    };
    write();
  });
}
