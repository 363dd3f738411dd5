import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema/audit-log.js";
import { plans } from "../../db/schema/plans.js";
import { createTestApp, SLACK_FACILITATOR, SLACK_STAKEHOLDER, type TestApp } from "../helpers/app.js";
import { designExample as example } from "../helpers/plan.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ bodyLimitBytes: 64 * 1024, planBodyLimitBytes: 256 * 1024 });
});
afterAll(async () => {
  await t.close();
});

let workshopId: string;
const planPath = () => `/v1/workshops/${workshopId}/plan`;
const wpPath = (key: string) => `${planPath()}/work-packages/${key}`;

async function newWorkshop(name = "Acme EDA workshop") {
  const res = await t.request("POST", "/v1/workshops", {
    body: { name, timezone: "Europe/London", startDate: "2025-03-03" },
  });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

async function state() {
  const db = t.database.db;
  const [row] = await db.select().from(plans).where(eq(plans.workshopId, workshopId));
  const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, workshopId));
  return { row, audits: audits.filter((a) => a.action.startsWith("plan")).length };
}

beforeEach(async () => {
  workshopId = await newWorkshop();
});

describe("PUT and GET the plan", () => {
  it("schedules DESIGN's example, stores it and answers the same schedule on GET", async () => {
    const put = await t.request("PUT", planPath(), { body: example() });
    expect(put.status).toBe(201);
    expect(put.json).toMatchObject({
      workshopId,
      version: 1,
      start: "2025-03-03",
      finish: "2025-03-13",
      deadline: null,
      criticalPath: ["design", "build"],
      calendar: { start: "2025-03-03", workdays: [1, 2, 3, 4, 5], holidays: ["2025-03-07"], country: null },
    });
    expect(
      put.json.workPackages.map((w: Record<string, unknown>) => [
        w.key,
        w.earlyStart,
        w.earlyFinish,
        w.totalFloat,
      ]),
    ).toEqual([
      ["design", "2025-03-03", "2025-03-05", 0],
      ["docs", "2025-03-10", "2025-03-11", 2],
      ["build", "2025-03-06", "2025-03-13", 0],
    ]);
    const get = await t.request("GET", planPath(), { token: await t.tokenFor("pm") });
    expect(get.status).toBe(200);
    expect(get.text).toBe(put.text);
  });

  it("starts the FS+1 successor of a 3-day task from Monday on Friday", async () => {
    const res = await t.request("PUT", planPath(), {
      body: {
        calendar: { start: "2025-03-03" },
        workPackages: [
          { key: "design", title: "Design", durationDays: 3 },
          { key: "docs", title: "Docs", durationDays: 1, dependsOn: [{ key: "design", lagDays: 1 }] },
        ],
      },
    });
    expect(res.json.workPackages[0]).toMatchObject({ earlyStart: "2025-03-03", earlyFinish: "2025-03-05" });
    expect(res.json.workPackages[1]).toMatchObject({ earlyStart: "2025-03-07" });
  });

  it("is idempotent: the same body again writes nothing and keeps the version", async () => {
    const first = await t.request("PUT", planPath(), { body: example() });
    const before = await state();
    t.clock.advance(60_000);
    const again = await t.request("PUT", planPath(), { body: example() });
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(await state()).toEqual(before);
    expect(before.audits).toBe(1);
  });

  it("treats a body that differs only in defaults and key order as the same plan", async () => {
    await t.request("PUT", planPath(), { body: example() });
    const before = await state();
    const same = {
      workPackages: [
        { title: "Design", key: "design", owner: "platform team", durationDays: 3, dependsOn: [] },
        { key: "docs", title: "Docs", durationDays: 2, dependsOn: [{ lagDays: 1, key: "design" }] },
        {
          key: "build",
          title: "Build",
          durationDays: 5,
          dependsOn: [{ key: "design", type: "FS", lagDays: 0 }].map((l) => l.key),
        },
      ],
      calendar: { holidays: ["2025-03-07"], start: "2025-03-03" },
    };
    expect((await t.request("PUT", planPath(), { body: same })).status).toBe(200);
    expect(await state()).toEqual(before);
  });

  it("replaces the plan, bumps the version and audits the change", async () => {
    await t.request("PUT", planPath(), { body: example() });
    t.clock.advance(60_000);
    const body = { ...example(), deadline: "2025-03-12" };
    const res = await t.request("PUT", planPath(), { body });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      version: 2,
      deadline: "2025-03-12",
      updatedAt: t.clock.now().toISOString(),
    });
    expect(res.json.workPackages[2]).toMatchObject({ key: "build", totalFloat: -1, critical: true });
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, workshopId));
    expect(audits.filter((a) => a.action === "plan.replace").map((a) => a.details)).toEqual([
      { version: 1, workPackages: 3, links: 2 },
      { version: 2, workPackages: 3, links: 2 },
    ]);
  });

  it("accepts country public holidays", async () => {
    const res = await t.request("PUT", planPath(), {
      body: {
        calendar: { start: "2025-04-17", country: "GB-ENG" },
        workPackages: [{ key: "a", title: "A", durationDays: 2 }],
      },
    });
    expect(res.json.workPackages[0]).toMatchObject({ earlyStart: "2025-04-17", earlyFinish: "2025-04-22" });
  });

  it("answers 404 for a workshop without a plan, and for an unknown workshop", async () => {
    expect((await t.request("GET", planPath())).status).toBe(404);
    const unknown = "/v1/workshops/00000000-0000-4000-8000-000000000000/plan";
    expect((await t.request("GET", unknown)).status).toBe(404);
    expect((await t.request("PUT", unknown, { body: example() })).status).toBe(404);
  });
});

describe("roles", () => {
  it.each([
    ["facilitator", "PUT", 201],
    ["bot", "PUT", 201],
    ["pm", "PUT", 403],
    ["ingest", "PUT", 403],
    ["pm", "GET", 200],
    ["facilitator", "GET", 200],
    ["bot", "GET", 200],
    ["ingest", "GET", 403],
  ] as const)("%s may %s: %i", async (role, method, status) => {
    if (method === "GET") await t.request("PUT", planPath(), { body: example() });
    // A bot changes the plan for the person it acts for, who must facilitate the workshop.
    if (role === "bot")
      await t.request("POST", `/v1/workshops/${workshopId}/facilitators`, {
        body: { facilitator: SLACK_FACILITATOR },
      });
    const res = await t.request(method, planPath(), {
      token: await t.tokenFor(role),
      body:
        method === "PUT"
          ? { ...example(), ...(role === "bot" ? { actor: SLACK_FACILITATOR } : {}) }
          : undefined,
    });
    expect(res.status).toBe(status);
  });

  it("refuses a bot's plan change without the person it acts for, and for a stakeholder", async () => {
    const bot = await t.tokenFor("bot");
    const none = await t.request("PUT", planPath(), { token: bot, body: example() });
    expect(none.status).toBe(400);
    expect(none.json.error.details[0].path).toBe("actor");
    const stakeholder = await t.request("PUT", planPath(), {
      token: bot,
      body: { ...example(), actor: SLACK_STAKEHOLDER },
    });
    expect(stakeholder.status).toBe(403);
  });

  it("refuses a reader on the roadmap only without a token", async () => {
    await t.request("PUT", planPath(), { body: example() });
    expect((await t.request("GET", `/v1/workshops/${workshopId}/roadmap`, { token: null })).status).toBe(401);
    expect(
      (
        await t.request("GET", `/v1/workshops/${workshopId}/roadmap?format=ics`, {
          token: await t.tokenFor("pm"),
        })
      ).status,
    ).toBe(200);
  });
});

describe("bad input: a 400 naming the field, and nothing stored", () => {
  const withPackage = (extra: Record<string, unknown>) => ({
    calendar: { start: "2025-03-03" },
    workPackages: [
      { key: "a", title: "A", durationDays: 1 },
      { key: "b", title: "B", durationDays: 1, ...extra },
    ],
  });
  const withCalendar = (calendar: Record<string, unknown>) => ({
    ...example(),
    calendar: { start: "2025-03-03", ...calendar },
  });

  it.each([
    ["a key that is not a slug", withPackage({ key: "Build It" }), "workPackages.1.key"],
    ["a fractional duration", withPackage({ durationDays: 1.5 }), "workPackages.1.durationDays"],
    ["a negative duration", withPackage({ durationDays: -1 }), "workPackages.1.durationDays"],
    ["a duration over the cap", withPackage({ durationDays: 10_001 }), "workPackages.1.durationDays"],
    [
      "a fractional lag",
      withPackage({ dependsOn: [{ key: "a", lagDays: 0.5 }] }),
      "workPackages.1.dependsOn.0.lagDays",
    ],
    [
      "an unknown link type",
      withPackage({ dependsOn: [{ key: "a", type: "XX" }] }),
      "workPackages.1.dependsOn.0.type",
    ],
    ["a link that is a number", withPackage({ dependsOn: [3] }), "workPackages.1.dependsOn.0"],
    ["a link without a key", withPackage({ dependsOn: [{ lagDays: 1 }] }), "workPackages.1.dependsOn.0.key"],
    [
      "an unknown field in a link",
      withPackage({ dependsOn: [{ key: "a", lag: 1 }] }),
      "workPackages.1.dependsOn.0.lag",
    ],
    ["an empty title", withPackage({ title: "  " }), "workPackages.1.title"],
    ["a bad deadline", withPackage({ deadline: "2025-02-30" }), "workPackages.1.deadline"],
    ["no working days", withCalendar({ workdays: [] }), "calendar.workdays"],
    ["weekday 0", withCalendar({ workdays: [0, 1] }), "calendar.workdays.0"],
    ["weekday 8", withCalendar({ workdays: [8] }), "calendar.workdays.0"],
    ["a weekday twice", withCalendar({ workdays: [1, 1] }), "calendar.workdays"],
    ["a bad holiday", withCalendar({ holidays: ["2025-13-01"] }), "calendar.holidays.0"],
    ["an unknown country", withCalendar({ country: "XX" }), "calendar.country"],
    ["a bad start", { ...example(), calendar: { start: "March 3rd" } }, "calendar.start"],
    ["an unknown top-level field", { ...example(), owner: "me" }, "owner"],
    ["no work packages field", { calendar: { start: "2025-03-03" } }, "workPackages"],
  ])("%s", async (_name, body, path) => {
    const res = await t.request("PUT", planPath(), { body });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION");
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await state()).toEqual({ row: undefined, audits: 0 });
  });

  it("says a calendar needs a working day", async () => {
    const res = await t.request("PUT", planPath(), { body: withCalendar({ workdays: [] }) });
    expect(res.json.error.details).toEqual([
      { path: "calendar.workdays", message: "a calendar needs at least one working day" },
    ]);
  });

  it("refuses more than 20,000 work packages", async () => {
    const many = Array.from({ length: 20_001 }, (_, i) => ({ key: `p${i}`, title: "x", durationDays: 1 }));
    const big = await createTestApp();
    try {
      const id = (
        await big.request("POST", "/v1/workshops", {
          body: { name: "Big", timezone: "UTC", startDate: "2025-03-03" },
        })
      ).json.id;
      const res = await big.request("PUT", `/v1/workshops/${id}/plan`, {
        body: { calendar: { start: "2025-03-03" }, workPackages: many },
      });
      expect(res.status).toBe(400);
      expect(res.json.error.details[0].path).toBe("workPackages");
    } finally {
      await big.close();
    }
  });
});

describe("refusals the domain makes: one 422 naming every problem", () => {
  it("reports all cycles as full paths, unknown keys and self-dependencies at once, and stores nothing", async () => {
    const res = await t.request("PUT", planPath(), {
      body: {
        calendar: { start: "2025-03-03" },
        workPackages: [
          { key: "a", title: "A", durationDays: 1, dependsOn: ["c"] },
          { key: "b", title: "B", durationDays: 1, dependsOn: ["a", "ghost", "b"] },
          { key: "c", title: "C", durationDays: 1, dependsOn: ["b"] },
          { key: "x", title: "X", durationDays: 1, dependsOn: [{ key: "y", type: "SS" }] },
          { key: "y", title: "Y", durationDays: 1, dependsOn: ["x"] },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("UNPROCESSABLE");
    expect(res.json.error.details).toEqual([
      { path: "workPackages.0.dependsOn.0", message: "dependency cycle: a → b → c → a" },
      { path: "workPackages.1.dependsOn.1", message: 'unknown work package "ghost"' },
      { path: "workPackages.1.dependsOn.2", message: '"b" depends on itself' },
      { path: "workPackages.3.dependsOn.0", message: "dependency cycle: x → y → x" },
    ]);
    expect(res.json.error.message).toContain("a → b → c → a");
    expect(await state()).toEqual({ row: undefined, audits: 0 });
  });

  it("refuses duplicate keys", async () => {
    const body = {
      ...example(),
      workPackages: [...example().workPackages, { key: "docs", title: "Again", durationDays: 1 }],
    };
    const res = await t.request("PUT", planPath(), { body });
    expect(res.status).toBe(422);
    expect(res.json.error.details).toEqual([
      { path: "workPackages.3.key", message: 'duplicate key "docs": work package 1 has it already' },
    ]);
  });
});

describe("editing one work package", () => {
  it("starts a plan on the workshop's start date when there is none, and a retry changes nothing", async () => {
    const body = { title: "Kick-off", durationDays: 0 };
    const first = await t.request("POST", wpPath("kickoff"), { body });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      calendar: { start: "2025-03-03", workdays: [1, 2, 3, 4, 5] },
      version: 1,
    });
    const again = await t.request("POST", wpPath("kickoff"), { body });
    expect(again.status).toBe(200);
    expect(again.json.version).toBe(1);
    const other = await t.request("POST", wpPath("kickoff"), { body: { title: "Other", durationDays: 1 } });
    expect(other.status).toBe(409);
    expect((await state()).audits).toBe(1);
  });

  it("adds a package after others and ripples the dates", async () => {
    await t.request("PUT", planPath(), { body: example() });
    const res = await t.request("POST", wpPath("launch"), {
      body: {
        title: "Launch",
        durationDays: 0,
        dependsOn: ["build", { key: "docs", type: "FF", lagDays: 1 }],
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.version).toBe(2);
    expect(res.json.workPackages.at(-1)).toMatchObject({
      key: "launch",
      earlyStart: "2025-03-13",
      critical: true,
    });
    expect(res.json.criticalPath).toEqual(["design", "build", "launch"]);
  });

  it("refuses a link that would close a cycle, naming it, and changes nothing", async () => {
    await t.request("PUT", planPath(), { body: example() });
    const before = await state();
    const res = await t.request("PATCH", wpPath("design"), { body: { dependsOn: ["build"] } });
    expect(res.status).toBe(422);
    expect(res.json.error.details).toEqual([
      { path: "dependsOn.0", message: "dependency cycle: design → build → design" },
    ]);
    expect(await state()).toEqual(before);
  });

  it("refuses an unknown key and a self-dependency in the body's own terms", async () => {
    await t.request("PUT", planPath(), { body: example() });
    const res = await t.request("POST", wpPath("qa"), {
      body: { title: "QA", durationDays: 1, dependsOn: ["build", "nope", "qa"] },
    });
    expect(res.status).toBe(422);
    expect(res.json.error.details).toEqual([
      { path: "dependsOn.1", message: 'unknown work package "nope"' },
      { path: "dependsOn.2", message: '"qa" depends on itself' },
    ]);
  });

  it("changes fields, clears one with null, and a repeat is a no-op", async () => {
    await t.request("PUT", planPath(), { body: example() });
    const res = await t.request("PATCH", wpPath("design"), {
      body: { durationDays: 4, owner: null, phase: "Discover" },
    });
    expect(res.status).toBe(200);
    expect(res.json.workPackages[0]).toMatchObject({
      durationDays: 4,
      owner: null,
      phase: "Discover",
      earlyFinish: "2025-03-06",
    });
    expect(res.json.workPackages[2]).toMatchObject({ key: "build", earlyStart: "2025-03-10" });
    const before = await state();
    const again = await t.request("PATCH", wpPath("design"), { body: { durationDays: 4, owner: null } });
    expect(again.json.version).toBe(res.json.version);
    expect(await state()).toEqual(before);
  });

  it("refuses to remove a package others depend on, naming them; removes a leaf", async () => {
    await t.request("PUT", planPath(), { body: example() });
    const refused = await t.request("DELETE", wpPath("design"));
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toEqual([
      { path: "key", message: '"docs" depends on it' },
      { path: "key", message: '"build" depends on it' },
    ]);
    const removed = await t.request("DELETE", wpPath("docs"));
    expect(removed.status).toBe(200);
    expect(removed.json.workPackages.map((w: { key: string }) => w.key)).toEqual(["design", "build"]);
    expect((await t.request("DELETE", wpPath("docs"))).status).toBe(404);
  });

  it("answers 404 for a package that is not in the plan, and 400 for a key that is not a slug", async () => {
    await t.request("PUT", planPath(), { body: example() });
    expect((await t.request("PATCH", wpPath("ghost"), { body: { durationDays: 1 } })).status).toBe(404);
    expect((await t.request("GET", `${wpPath("ghost")}/why`)).status).toBe(404);
    const bad = await t.request("POST", wpPath("Not%20A%20Slug"), { body: { title: "x", durationDays: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("key");
  });

  it("keeps every one of several concurrent additions", async () => {
    await t.request("PUT", planPath(), { body: example() });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.request("POST", wpPath(`task-${i}`), {
          body: { title: `Task ${i}`, durationDays: 1, dependsOn: ["design"] },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    const plan = await t.request("GET", planPath());
    expect(plan.json.version).toBe(7);
    expect(plan.json.workPackages).toHaveLength(9);
  });

  it("keeps every one of several concurrent first additions to a workshop without a plan", async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.request("POST", wpPath(`task-${i}`), { body: { title: `Task ${i}`, durationDays: 1 } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    const plan = await t.request("GET", planPath());
    expect(plan.json).toMatchObject({ version: 6 });
    expect(plan.json.workPackages.map((w: { key: string }) => w.key).sort()).toEqual(
      Array.from({ length: 6 }, (_, i) => `task-${i}`),
    );
  });

  it("leaves no plan behind when the first addition is refused", async () => {
    const res = await t.request("POST", wpPath("a"), {
      body: { title: "A", durationDays: 1, dependsOn: ["ghost"] },
    });
    expect(res.status).toBe(422);
    expect(await state()).toEqual({ row: undefined, audits: 0 });
  });

  it("audits every change", async () => {
    await t.request("PUT", planPath(), { body: example() });
    await t.request("POST", wpPath("qa"), { body: { title: "QA", durationDays: 1, dependsOn: ["build"] } });
    await t.request("PATCH", wpPath("qa"), { body: { durationDays: 2 } });
    await t.request("DELETE", wpPath("qa"));
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, workshopId))
      .orderBy(auditLog.id);
    expect(audits.filter((a) => a.action.startsWith("plan")).map((a) => [a.action, a.details])).toEqual([
      ["plan.replace", { version: 1, workPackages: 3, links: 2 }],
      ["plan.workPackage.add", { version: 2, key: "qa" }],
      ["plan.workPackage.update", { version: 3, key: "qa", fields: ["durationDays"] }],
      ["plan.workPackage.remove", { version: 4, key: "qa" }],
    ]);
  });
});

describe("why a package starts when it does", () => {
  it("gives the chain of predecessors and the calendar days skipped", async () => {
    await t.request("PUT", planPath(), { body: example() });
    const res = await t.request("GET", `${wpPath("docs")}/why`, { token: await t.tokenFor("pm") });
    expect(res.status).toBe(200);
    expect(res.json.chain.map((s: { key: string; drivenBy: unknown }) => [s.key, s.drivenBy])).toEqual([
      ["design", null],
      ["docs", { key: "design", type: "FS", lagDays: 1 }],
    ]);
    expect(res.json.chain[1].nonWorkingDays).toEqual([
      { date: "2025-03-07", reason: "holiday" },
      { date: "2025-03-08", reason: "notAWorkday" },
      { date: "2025-03-09", reason: "notAWorkday" },
    ]);
  });
});

describe("the roadmap", () => {
  beforeEach(async () => {
    await t.request("PUT", planPath(), { body: example() });
  });

  it.each([
    ["json", "application/json", 'inline; filename="acme-eda-workshop-roadmap.json"'],
    ["csv", "text/csv; charset=utf-8", 'attachment; filename="acme-eda-workshop-roadmap.csv"'],
    ["md", "text/markdown; charset=utf-8", 'attachment; filename="acme-eda-workshop-roadmap.md"'],
    ["mermaid", "text/vnd.mermaid; charset=utf-8", 'attachment; filename="acme-eda-workshop-roadmap.mmd"'],
    ["ics", "text/calendar; charset=utf-8", 'attachment; filename="acme-eda-workshop-roadmap.ics"'],
  ])("?format=%s is %s, %s", async (format, type, disposition) => {
    const res = await t.request("GET", `/v1/workshops/${workshopId}/roadmap?format=${format}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe(type);
    expect(res.headers.get("Content-Disposition")).toBe(disposition);
  });

  it("is the same schedule as GET …/plan in JSON, and JSON by default", async () => {
    const plan = await t.request("GET", planPath());
    expect((await t.request("GET", `/v1/workshops/${workshopId}/roadmap`)).text).toBe(plan.text);
  });

  it("has CSV rows with predecessors and the critical flag", async () => {
    const res = await t.request("GET", `/v1/workshops/${workshopId}/roadmap?format=csv`);
    expect(res.text.split("\r\n").slice(1, 4)).toEqual([
      "design,Design,,platform team,3,2025-03-03,2025-03-05,2025-03-03,2025-03-05,0,0,true,,",
      "docs,Docs,,,2,2025-03-10,2025-03-11,2025-03-12,2025-03-13,2,2,false,,design:FS+1",
      "build,Build,,,5,2025-03-06,2025-03-13,2025-03-06,2025-03-13,0,0,true,,design:FS",
    ]);
  });

  it("is an iCalendar feed a parser reads, stamped with the plan's last change", async () => {
    const res = await t.request("GET", `/v1/workshops/${workshopId}/roadmap?format=ics`);
    const events = new ICAL.Component(ICAL.parse(res.text))
      .getAllSubcomponents("vevent")
      .map((c) => new ICAL.Event(c));
    expect(events.map((e) => [e.uid, e.startDate.toString(), e.endDate.toString()])).toEqual([
      [`${workshopId}-design@baton`, "2025-03-03", "2025-03-06"],
      [`${workshopId}-docs@baton`, "2025-03-10", "2025-03-12"],
      [`${workshopId}-build@baton`, "2025-03-06", "2025-03-14"],
    ]);
    const [row] = await t.database.db.select().from(plans).where(eq(plans.workshopId, workshopId));
    const stamp = row?.updatedAt
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d+Z$/, "Z");
    expect(res.text).toContain(`DTSTAMP:${stamp}\r\n`);
  });

  it("groups the Markdown by owner when asked", async () => {
    const res = await t.request("GET", `/v1/workshops/${workshopId}/roadmap?format=md&groupBy=owner`);
    expect(res.text).toContain("## Owner: platform team");
    expect(res.text).toContain("## No owner");
  });

  it.each(["format=pdf", "groupBy=team"])("refuses ?%s with a 400", async (query) => {
    const res = await t.request("GET", `/v1/workshops/${workshopId}/roadmap?${query}`);
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe(query.split("=")[0]);
  });
});

describe("body size", () => {
  const padded = (bytes: number) => ({
    ...example(),
    workPackages: [...example().workPackages, { key: "pad", title: "x".repeat(300), durationDays: 1 }].concat(
      Array.from({ length: Math.ceil(bytes / 330) }, (_, i) => ({
        key: `p${i}`,
        title: "y".repeat(280),
        durationDays: 1,
      })),
    ),
  });

  it("takes a plan larger than the general body limit, up to the plan's own", async () => {
    const body = padded(100 * 1024);
    expect(JSON.stringify(body).length).toBeGreaterThan(64 * 1024);
    expect((await t.request("PUT", planPath(), { body })).status).toBe(201);
  });

  it("refuses a plan over the plan's limit with 413, and keeps the general limit elsewhere", async () => {
    const res = await t.request("PUT", planPath(), { body: padded(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await state()).toEqual({ row: undefined, audits: 0 });
    const other = await t.request("POST", "/v1/workshops", {
      body: { name: "x".repeat(100 * 1024), timezone: "UTC", startDate: "2025-03-03" },
    });
    expect(other.status).toBe(413);
  });
});

describe("the API reference", () => {
  it("describes every plan route, the roadmap's media types and the plan's schemas", async () => {
    const doc = (await t.request("GET", "/openapi.json", { token: null })).json;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/workshops/{id}/plan",
        "/v1/workshops/{id}/plan/work-packages/{key}",
        "/v1/workshops/{id}/plan/work-packages/{key}/why",
        "/v1/workshops/{id}/roadmap",
      ]),
    );
    expect(Object.keys(doc.paths["/v1/workshops/{id}/plan"])).toEqual(["put", "get"]);
    expect(Object.keys(doc.paths["/v1/workshops/{id}/plan/work-packages/{key}"])).toEqual([
      "post",
      "patch",
      "delete",
    ]);
    expect(Object.keys(doc.paths["/v1/workshops/{id}/roadmap"].get.responses[200].content)).toEqual([
      "application/json",
      "text/csv",
      "text/markdown",
      "text/vnd.mermaid",
      "text/calendar",
    ]);
    expect(doc.components.schemas.PutPlan.required).toEqual(["calendar", "workPackages"]);
    expect(doc.components.schemas.Plan.properties.criticalPath.type).toBe("array");
    expect(doc.components.schemas.ScheduledWorkPackage.required).toEqual(
      expect.arrayContaining([
        "earlyStart",
        "earlyFinish",
        "lateStart",
        "lateFinish",
        "totalFloat",
        "freeFloat",
        "critical",
      ]),
    );
  });
});
