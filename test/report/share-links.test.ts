import { Window } from "happy-dom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { HOSTILE, reportFixture } from "../helpers/report.js";

let t: TestApp;
let w: Awaited<ReturnType<typeof reportFixture>>;
beforeAll(async () => {
  t = await createTestApp();
  w = await reportFixture(t);
});
afterAll(async () => {
  await t.close();
});

const URL_RE = /^http:\/\/localhost\/w\/([A-Za-z0-9_-]{43})$/;
const linksPath = (id = w.id) => `/v1/workshops/${id}/share-links`;
const { DOMParser } = new Window();

async function createLink(body: unknown = { name: "Steering committee" }) {
  const res = await t.request("POST", linksPath(), { token: await t.tokenFor("pm"), body });
  expect(res.status).toBe(201);
  const secret = URL_RE.exec(res.json.url)?.[1];
  if (!secret) throw new Error(`unexpected url ${res.json.url}`);
  return { link: res.json, secret, path: new URL(res.json.url).pathname };
}
/** A browser's request: no Authorization header. */
const browse = (path: string) => t.request("GET", path, { token: null });

describe("share links", () => {
  it("serves every page without a token, as HTML with no script, hostile text as text", async () => {
    const { path } = await createLink();
    for (const page of ["", "/scorecard", "/register", "/dora", "/architecture", "/roadmap", "/live"]) {
      const res = await browse(path + page);
      expect(res.status, page).toBe(200);
      expect(res.headers.get("Content-Type")?.toLowerCase()).toBe("text/html; charset=utf-8");
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      const doc = new DOMParser().parseFromString(res.text, "text/html");
      expect(doc.querySelectorAll("script, img, iframe, [onerror]"), page).toHaveLength(0);
      expect(doc.querySelector("header strong")?.textContent).toBe(`Acme ${HOSTILE}`);
      expect(doc.querySelectorAll("nav a")).toHaveLength(8);
    }
    const roadmap = await browse(`${path}/roadmap`);
    for (const key of ["design", "docs", "build", "go-live"])
      expect(roadmap.text).toContain(`data-key="${key}"`);
  });

  it("shows the live view (current session, time left, votes in) and reloads itself", async () => {
    const { path } = await createLink();
    const res = await browse(`${path}/live`);
    expect(res.text).toContain('<meta http-equiv="refresh" content="15">');
    expect(res.text).toContain("Now: <strong>Session 2</strong> (running) · <strong>25:00 left</strong>");
    expect(res.text).toContain("Next: Session 3 at 10:10");
  });

  it("serves the report as PDF", async () => {
    const { path } = await createLink();
    const res = await t.app.request(`${path}/report.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
  });

  it("lists links without their secrets, and a revoked link answers 404 on every page", async () => {
    const { link, path, secret } = await createLink({});
    const list = await t.request("GET", linksPath(), { token: await t.tokenFor("facilitator") });
    expect(list.status).toBe(200);
    expect(list.json.links.map((l: { id: string }) => l.id)).toContain(link.id);
    expect(list.text).not.toContain(secret);
    const revoked = await t.request("DELETE", `${linksPath()}/${link.id}`, { token: await t.tokenFor("pm") });
    expect(revoked.status).toBe(204);
    for (const page of ["", "/roadmap", "/live", "/report.pdf"]) {
      const res = await browse(path + page);
      expect(res.status, page).toBe(404);
      expect(res.text).toContain("<h1>Not found</h1>");
    }
    const again = await t.request("DELETE", `${linksPath()}/${link.id}`, { token: await t.tokenFor("pm") });
    expect(again.status).toBe(204);
    const listed = await t.request("GET", linksPath(), { token: await t.tokenFor("pm") });
    expect(listed.json.links.find((l: { id: string }) => l.id === link.id).revokedAt).not.toBeNull();
  });

  it("answers 404 for an unknown or malformed secret and an unknown page", async () => {
    const { path } = await createLink();
    expect((await browse(`/w/${"A".repeat(43)}`)).status).toBe(404);
    expect((await browse("/w/short")).status).toBe(404);
    expect((await browse(`${path}/nope`)).status).toBe(404);
  });

  it("never writes the secret to the request log", async () => {
    const { secret, path } = await createLink();
    await browse(`${path}/roadmap`);
    expect(t.logs.text()).not.toContain(secret);
    expect(t.logs.text()).toContain('"path":"/w/***/roadmap"');
  });

  it("is managed by facilitators and PMs of an existing workshop only", async () => {
    const bot = await t.request("POST", linksPath(), { token: await t.tokenFor("ingest"), body: {} });
    expect(bot.status).toBe(403);
    const none = await t.request("POST", linksPath("00000000-0000-4000-8000-000000000000"), { body: {} });
    expect(none.status).toBe(404);
    const other = await t.request("DELETE", `${linksPath()}/00000000-0000-4000-8000-000000000000`);
    expect(other.status).toBe(404);
    const bad = await t.request("POST", linksPath(), { body: { name: "" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("name");
  });
});
