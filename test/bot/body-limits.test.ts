import { createHmac } from "node:crypto";
import type { CloudAdapter } from "botbuilder";
import { describe, expect, it } from "vitest";
import { FetchReceiver } from "../../bot/slack/receiver.js";
import { processRequest } from "../../bot/teams/http.js";

const CHUNK = 64 * 1024;

/** A streamed body of `totalBytes` that counts how much of it was pulled. */
function countingBody(totalBytes: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      const n = Math.min(CHUNK, totalBytes - pulled);
      pulled += n;
      controller.enqueue(new Uint8Array(n).fill(0x61));
    },
  });
  return { stream, pulled: () => pulled };
}

function post(path: string, headers: Record<string, string>, body: ReadableStream<Uint8Array> | string) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers,
    body,
    ...(typeof body === "string" ? {} : { duplex: "half" }),
  } as RequestInit);
}

const secret = "slack-signing-secret";
const receiver = new FetchReceiver({ signingSecret: secret, maxBodyBytes: 256 * 1024 });
const now = () => String(Math.floor(Date.now() / 1000));
const sign = (ts: string, body: string) =>
  `v0=${createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex")}`;

describe("/slack/events: limits before work", () => {
  it("refuses an unsigned body before reading it", async () => {
    const body = countingBody(8 * 1024 * 1024);
    const res = await receiver.handle(post("/slack/events", {}, body.stream));
    expect(res.status).toBe(401);
    expect(body.pulled()).toBeLessThanOrEqual(2 * CHUNK);
  });

  it("refuses a body over the limit while it streams in, signature or not", async () => {
    const body = countingBody(8 * 1024 * 1024);
    const ts = now();
    const res = await receiver.handle(
      post(
        "/slack/events",
        { "x-slack-signature": sign(ts, "x"), "x-slack-request-timestamp": ts },
        body.stream,
      ),
    );
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(256 * 1024 + 2 * CHUNK);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const body = countingBody(8 * 1024 * 1024);
    const ts = now();
    const res = await receiver.handle(
      post(
        "/slack/events",
        {
          "x-slack-signature": sign(ts, "x"),
          "x-slack-request-timestamp": ts,
          "content-length": String(8 * 1024 * 1024),
        },
        body.stream,
      ),
    );
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(2 * CHUNK);
  });

  it("still takes a signed body under the limit", async () => {
    const raw = JSON.stringify({ type: "url_verification", challenge: "c1" });
    const ts = now();
    const res = await receiver.handle(
      post(
        "/slack/events",
        {
          "x-slack-signature": sign(ts, raw),
          "x-slack-request-timestamp": ts,
          "content-type": "application/json",
        },
        raw,
      ),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "c1" });
  });

  it("refuses a wrong signature on a small body", async () => {
    const ts = now();
    const res = await receiver.handle(
      post(
        "/slack/events",
        { "x-slack-signature": sign(ts, "other"), "x-slack-request-timestamp": ts },
        "{}",
      ),
    );
    expect(res.status).toBe(401);
  });
});

describe("/api/messages: limits before work", () => {
  const adapter = {
    process: async () => {
      throw new Error("the adapter must not run");
    },
  } as unknown as CloudAdapter;

  it("refuses a request without a bearer JWT before reading its body, naming nothing internal", async () => {
    const body = countingBody(8 * 1024 * 1024);
    const res = await processRequest(adapter, post("/api/messages", {}, body.stream), async () => {}, {
      requireAuthorization: true,
    });
    expect(res.status).toBe(401);
    expect(body.pulled()).toBeLessThanOrEqual(2 * CHUNK);
    expect(await res.text()).not.toMatch(/https?:|login\.|botframework\.com/);
  });

  it("refuses a body over the limit while it streams in", async () => {
    const body = countingBody(8 * 1024 * 1024);
    const res = await processRequest(
      adapter,
      post("/api/messages", { authorization: "Bearer aaa.bbb.ccc" }, body.stream),
      async () => {},
      { requireAuthorization: true, maxBodyBytes: 256 * 1024 },
    );
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(256 * 1024 + 2 * CHUNK);
  });
});
