import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedPath } from "../../api/app.js";
import { createLogger } from "../../api/logger.js";
import { createTestApp, logSink, type TestApp } from "../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const SECRET = "s3cr3t-VALUE-7f1c2a";

describe("logs carry no secret and no SQL parameter", () => {
  it.each([
    ["a bearer token", { token: SECRET }],
    ["a token hash", { row: { tokenHash: SECRET } }],
    ["a token hash (SQL column)", { row: { token_hash: SECRET } }],
    ["an Authorization header", { headers: { authorization: `Bearer ${SECRET}` } }],
    ["a Slack signature", { req: { headers: { "x-slack-signature": `v0=${SECRET}` } } }],
    ["a GitHub signature", { headers: { "x-hub-signature-256": `sha256=${SECRET}` } }],
    ["a feed secret", { feed: { secret: SECRET } }],
    ["a password", { password: SECRET }],
  ])("redacts %s", (_kind, fields) => {
    const sink = logSink();
    createLogger("info", sink.stream).info(fields, "x");
    expect(sink.text()).not.toContain(SECRET);
    expect(sink.text()).toContain("[redacted]");
  });

  it("logs a database error without its parameters, its cause's included", () => {
    const sink = logSink();
    const cause = Object.assign(new Error(`duplicate key\nparams: ${SECRET}`), {
      code: "23505",
      parameters: [SECRET],
    });
    const err = Object.assign(new Error(`Failed query: select 1 where h = $1\nparams: ${SECRET},abc`), {
      params: [SECRET],
      cause,
    });
    createLogger("info", sink.stream).error({ err }, "boom");
    const line = JSON.parse(sink.lines[0] as string);
    expect(sink.text()).not.toContain(SECRET);
    expect(line.err.message).toContain("Failed query: select 1 where h = $1");
    expect(line.err.cause.code).toBe("23505");
  });

  it.each([
    "/feeds/roadmap/abcdefabcdefabcdef.ics",
    "/feeds/roadmap%2Fabcdefabcdefabcdef.ics",
    "/feeds%2froadmap%2Fabcdefabcdefabcdef.ics",
    "//feeds//roadmap/abcdefabcdefabcdef.ics",
    "/FEEDS/roadmap/abcdefabcdefabcdef.ics",
    "/w/abcdefabcdefabcdef",
    "/w%2Fabcdefabcdefabcdef",
    "/feeds%252Froadmap%252Fabcdefabcdefabcdef.ics",
  ])("keeps the secret of %s out of the request log", async (path) => {
    expect(loggedPath(path)).not.toContain("abcdefabcdefabcdef");
    const before = t.logs.lines.length;
    await t.request("GET", path, { token: null });
    const logged = t.logs.lines.slice(before).join("\n");
    expect(logged).toContain('"msg":"request"');
    expect(logged).not.toContain("abcdefabcdefabcdef");
  });

  it("keeps ordinary paths as they are", () => {
    expect(loggedPath("/v1/workshops/123")).toBe("/v1/workshops/123");
    expect(loggedPath("/feedsx/1")).toBe("/feedsx/1");
  });
});
