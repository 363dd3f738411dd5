import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, SLACK_FACILITATOR, SLACK_STAKEHOLDER, type TestApp } from "../helpers/app.js";
import { runningWorkshop } from "../helpers/polls.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  // Monday 2026-03-02, 09:00 UTC.
  t.clock.set("2026-03-02T09:00:00Z");
});

async function capture(w: { id: string; bot: string }, body: Record<string, unknown>) {
  return t.request("POST", `/v1/workshops/${w.id}/items`, {
    token: w.bot,
    body: { actor: SLACK_STAKEHOLDER, ...body },
  });
}

describe("RAID register", () => {
  it("captures owner, due date (a phrase resolved in the workshop's zone), likelihood, impact and work packages", async () => {
    const w = await runningWorkshop(t);
    const res = await capture(w, {
      kind: "risk",
      text: "Only one engineer knows Kafka",
      owner: "Platform team",
      by: "end of April",
      likelihood: 4,
      impact: 5,
      workPackages: ["training", "training"],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      kind: "risk",
      owner: "Platform team",
      dueDate: "2026-04-30",
      overdue: false,
      status: "open",
      likelihood: 4,
      impact: 5,
      exposure: 20,
      workPackages: ["training"],
      review: null,
    });
  });

  it("takes the kinds issue and dependency, with owner and due date", async () => {
    const w = await runningWorkshop(t);
    const issue = await capture(w, {
      kind: "issue",
      text: "Brokers run out of disk weekly",
      dueDate: "2026-03-09",
    });
    const dep = await capture(w, {
      kind: "dependency",
      text: "Network team opens port 9093",
      by: "next Friday",
    });
    expect(issue.status).toBe(201);
    expect(issue.json).toMatchObject({
      kind: "issue",
      dueDate: "2026-03-09",
      likelihood: null,
      exposure: null,
    });
    expect(dep.json).toMatchObject({ kind: "dependency", dueDate: "2026-03-06" });
  });

  it("accepts a due date in the past but flags it overdue", async () => {
    const w = await runningWorkshop(t);
    const res = await capture(w, { kind: "assumption", text: "Licences bought", dueDate: "2026-02-27" });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ dueDate: "2026-02-27", overdue: true });
  });

  it.each([
    [{ kind: "risk", text: "x", likelihood: 6 }, "likelihood"],
    [{ kind: "risk", text: "x", likelihood: 0 }, "likelihood"],
    [{ kind: "risk", text: "x", impact: 2.5 }, "impact"],
    [{ kind: "assumption", text: "x", likelihood: 3 }, "likelihood"],
    [{ kind: "risk", text: "x", dueDate: "2026-02-30" }, "dueDate"],
    [{ kind: "risk", text: "x", by: "someday" }, "by"],
    [{ kind: "risk", text: "x", by: "Q3", dueDate: "2026-09-30" }, "by"],
  ])("refuses %j naming %s", async (body, field) => {
    const w = await runningWorkshop(t);
    const res = await capture(w, body);
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it("filters by kind and status and sorts the register by due date, then exposure", async () => {
    const w = await runningWorkshop(t);
    const ids: Record<string, string> = {};
    for (const [name, body] of Object.entries({
      late: { kind: "risk", text: "late", dueDate: "2026-06-30", likelihood: 5, impact: 5 },
      soonLow: { kind: "risk", text: "soon low", dueDate: "2026-04-01", likelihood: 1, impact: 2 },
      soonHigh: { kind: "risk", text: "soon high", dueDate: "2026-04-01", likelihood: 3, impact: 3 },
      undated: { kind: "risk", text: "undated", likelihood: 5, impact: 5 },
      assumption: { kind: "assumption", text: "assumed", dueDate: "2026-03-20" },
      requirement: { kind: "requirement", text: "must have" },
    })) {
      const res = await capture(w, body);
      expect(res.status).toBe(201);
      ids[name] = res.json.id;
    }
    const register = await t.request("GET", `/v1/workshops/${w.id}/items?order=register`);
    expect(register.json.items.map((i: { text: string }) => i.text)).toEqual([
      "assumed",
      "soon high",
      "soon low",
      "late",
      "undated",
      "must have",
    ]);
    const risks = await t.request("GET", `/v1/workshops/${w.id}/items?kind=risk&order=register`);
    expect(risks.json.items).toHaveLength(4);
    const closed = await t.request("PATCH", `/v1/items/${ids.late}`, {
      token: w.bot,
      body: { status: "closed", actor: SLACK_FACILITATOR },
    });
    expect(closed.status).toBe(200);
    expect(closed.json.status).toBe("closed");
    const open = await t.request("GET", `/v1/workshops/${w.id}/items?kind=risk&status=open&order=register`);
    expect(open.json.items.map((i: { text: string }) => i.text)).toEqual([
      "soon high",
      "soon low",
      "undated",
    ]);
    const bad = await t.request("GET", `/v1/workshops/${w.id}/items?status=done`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("status");
  });

  it("lets the author edit owner, due date and ratings, but only a facilitator change the status", async () => {
    const w = await runningWorkshop(t);
    const { json: item } = await capture(w, { kind: "risk", text: "Vendor lock-in" });
    const edited = await t.request("PATCH", `/v1/items/${item.id}`, {
      token: w.bot,
      body: { actor: SLACK_STAKEHOLDER, owner: "Sam", by: "Q3", likelihood: 2, impact: 3 },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ owner: "Sam", dueDate: "2026-09-30", exposure: 6, status: "open" });
    const refused = await t.request("PATCH", `/v1/items/${item.id}`, {
      token: w.bot,
      body: { actor: SLACK_STAKEHOLDER, status: "mitigated" },
    });
    expect(refused.status).toBe(403);
    const pm = await t.request("PATCH", `/v1/items/${item.id}`, {
      token: await t.tokenFor("pm"),
      body: { status: "mitigated" },
    });
    expect(pm.status).toBe(403);
    const mitigated = await t.request("PATCH", `/v1/items/${item.id}`, {
      token: w.bot,
      body: { actor: SLACK_FACILITATOR, status: "mitigated", workPackages: ["exit-plan"] },
    });
    expect(mitigated.json).toMatchObject({ status: "mitigated", workPackages: ["exit-plan"] });
    const cleared = await t.request("PATCH", `/v1/items/${item.id}`, {
      token: w.bot,
      body: { actor: SLACK_STAKEHOLDER, likelihood: null, impact: null, owner: null },
    });
    expect(cleared.json).toMatchObject({ likelihood: null, impact: null, exposure: null, owner: null });
    const toAssumption = await t.request("PATCH", `/v1/items/${item.id}`, {
      token: w.bot,
      body: { actor: SLACK_STAKEHOLDER, kind: "assumption", likelihood: 3 },
    });
    expect(toAssumption.status).toBe(400);
    expect(toAssumption.json.error.details[0].path).toBe("likelihood");
  });
});
