import { Window } from "happy-dom";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkshop } from "../../api/services/context.js";
import { buildReportModel } from "../../api/services/report.js";
import { openShareLink } from "../../api/services/share-links.js";
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
    for (const key of w.workPackageKeys) expect(roadmap.text).toContain(`data-key="${key}"`);
    const architecture = new DOMParser().parseFromString(
      (await browse(`${path}/architecture`)).text,
      "text/html",
    );
    expect(architecture.querySelectorAll("svg.environments, svg.dataflow")).toHaveLength(2);
    expect(
      architecture.querySelector('svg.dataflow g.node.group[data-key^="billing"]')?.getAttribute("data-key"),
    ).toBe(`billing ${HOSTILE}`);
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
    // Everything after /w/ is the secret and the page it opens: the log keeps the prefix only.
    expect(t.logs.text()).toContain('"path":"/w/***"');
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

describe("share links across organisations", () => {
  it("open the link's own workshop only: org A's link never shows org B's data, and B's links are 404 to A", async () => {
    const orgA = (await t.request("GET", `/v1/workshops/${w.id}`)).json.orgId as string;
    const orgB = await t.request("POST", "/v1/orgs", { body: { name: "Client B" } });
    expect(orgB.status).toBe(201);
    const token = async (name: string, role: string, orgId: string) => {
      const res = await t.request("POST", "/v1/tokens", { body: { name, role, orgId } });
      expect(res.status).toBe(201);
      return res.json.token as string;
    };
    const pmA = await token("a-pm", "pm", orgA);
    const facB = await token("b-facilitator", "facilitator", orgB.json.id);
    const pmB = await token("b-pm", "pm", orgB.json.id);
    const b = await t.request("POST", "/v1/workshops", {
      token: facB,
      body: { name: "Globex secret programme", timezone: "UTC", startDate: "2026-03-02" },
    });
    expect(b.status).toBe(201);
    expect(b.json.orgId).toBe(orgB.json.id);
    const item = await t.request("POST", `/v1/workshops/${b.json.id}/items`, {
      token: facB,
      body: { kind: "risk", text: "Globex merger leaks" },
    });
    expect(item.status).toBe(201);
    const linkB = await t.request("POST", linksPath(b.json.id), { token: pmB, body: {} });
    expect(linkB.status).toBe(201);

    // A's link shows A's workshop on every page, never B's.
    const { path, secret } = await createLink();
    for (const page of ["", "/scorecard", "/register", "/dora", "/architecture", "/roadmap", "/live"]) {
      const res = await browse(path + page);
      expect(res.status, page).toBe(200);
      expect(res.text, page).not.toContain("Globex");
    }
    // The link's read context reaches its own workshop and nothing else, not even by id.
    const opened = await openShareLink(
      { database: t.database, now: t.clock.now(), log: pino({ level: "silent" }) },
      secret,
    );
    expect(opened.ctx.caller).toMatchObject({ role: "pm", orgId: orgA, workshopId: w.id });
    await expect(loadWorkshop(opened.ctx, w.id)).resolves.toMatchObject({ id: w.id });
    await expect(loadWorkshop(opened.ctx, b.json.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(buildReportModel(opened.ctx, { workshopId: b.json.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    // B's link still serves B (its own organisation) and only B.
    const bPage = await browse(`${new URL(linkB.json.url).pathname}/register`);
    expect(bPage.status).toBe(200);
    expect(bPage.text).toContain("Globex merger leaks");
    expect(bPage.text).not.toContain("Adopt Confluent Cloud");

    // The management routes answer 404 across organisations, as if the workshop were absent.
    expect((await t.request("POST", linksPath(b.json.id), { token: pmA, body: {} })).status).toBe(404);
    expect((await t.request("GET", linksPath(b.json.id), { token: pmA })).status).toBe(404);
    expect(
      (await t.request("DELETE", `${linksPath(b.json.id)}/${linkB.json.id}`, { token: pmA })).status,
    ).toBe(404);
    // B's link through A's workshop is not A's link either.
    expect((await t.request("DELETE", `${linksPath()}/${linkB.json.id}`, { token: pmA })).status).toBe(404);
    expect((await t.request("GET", linksPath(), { token: pmB })).status).toBe(404);
    expect((await t.request("GET", `/v1/workshops/${w.id}/report?format=md`, { token: pmB })).status).toBe(
      404,
    );
    // Still live: nothing above revoked it.
    expect((await browse(new URL(linkB.json.url).pathname)).status).toBe(200);
  });
});
