import { readdirSync, readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema/audit-log.js";
import { workshopOutputs } from "../../db/schema/workshop-outputs.js";
import { createTestApp, SLACK_FACILITATOR, SLACK_STAKEHOLDER, type TestApp } from "../helpers/app.js";
import { EXAMPLE } from "../helpers/kafka.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.set("2026-03-02T09:00:00Z");
});

/** The default template's workshop, bound to a Slack channel by the bot acting for the facilitator. */
async function templateWorkshop() {
  const created = await t.request("POST", "/v1/workshops", {
    body: {
      name: `Outputs ${Math.random().toString(36).slice(2, 8)}`,
      timezone: "Europe/London",
      startDate: "2026-03-02",
    },
  });
  expect(created.status).toBe(201);
  // Binding a channel makes no facilitator: the chat facilitator is added through the API.
  const added = await t.request("POST", `/v1/workshops/${created.json.id}/facilitators`, {
    body: { facilitator: SLACK_FACILITATOR },
  });
  expect(added.status).toBe(200);
  const bot = await t.tokenFor("bot");
  const channel = `C${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const bound = await t.request("PUT", `/v1/channels/slack/${channel}/binding`, {
    token: bot,
    body: { workshopId: created.json.id, actor: SLACK_FACILITATOR },
  });
  expect(bound.status).toBe(200);
  return {
    id: created.json.id as string,
    bot,
    agenda: created.json.agenda as { id: string; title: string }[],
  };
}

describe("outputs", () => {
  it("lists the template's 13 outputs, open, in agenda order, with their sessions", async () => {
    const w = await templateWorkshop();
    const res = await t.request("GET", `/v1/workshops/${w.id}/outputs`);
    expect(res.status).toBe(200);
    const outputs = res.json.outputs;
    expect(outputs).toHaveLength(13);
    expect(outputs.every((o: { status: string }) => o.status === "open")).toBe(true);
    expect(outputs[0]).toMatchObject({
      sessionTitle: "Capture current architecture practices and standards",
      day: 1,
      position: 0,
      title: "Captured line items, weighted in terms of relevance to following activities",
      evidence: { items: 0, reviewed: 0, polls: 0, decisions: 0, workPackages: 0, useCases: 0 },
    });
    expect(outputs[1].title).toBe("A list of assumptions together with priorities and timeframes");
    expect(outputs.at(-1).title).toBe("Dependency flow of activities broken down as work-package activities");
  });

  it("takes a custom agenda's outputs", async () => {
    const created = await t.request("POST", "/v1/workshops", {
      body: {
        name: "Custom outputs",
        timezone: "UTC",
        startDate: "2026-03-02",
        agenda: [
          {
            day: 1,
            start: "09:00",
            end: "10:00",
            kind: "session",
            title: "Kick-off",
            outputs: ["Goals", "Risks"],
          },
          { day: 1, start: "10:00", end: "10:15", kind: "break", title: "Coffee" },
          {
            day: 1,
            start: "10:15",
            end: "11:00",
            kind: "session",
            title: "Plan",
            outputs: ["A plan with timelines"],
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    const res = await t.request("GET", `/v1/workshops/${created.json.id}/outputs`);
    expect(
      res.json.outputs.map((o: { sessionTitle: string; title: string }) => [o.sessionTitle, o.title]),
    ).toEqual([
      ["Kick-off", "Goals"],
      ["Kick-off", "Risks"],
      ["Plan", "A plan with timelines"],
    ]);
  });

  it("counts the items captured in the session as evidence, and the plan's packages for plan outputs", async () => {
    const w = await templateWorkshop();
    const session = w.agenda.find((a) => a.title.startsWith("Capture current architecture"));
    for (const text of ["Two regions", "Kafka 3.7"]) {
      const res = await t.request("POST", `/v1/workshops/${w.id}/items`, {
        token: w.bot,
        body: { kind: "assumption", text, sessionId: session?.id, actor: SLACK_STAKEHOLDER },
      });
      expect(res.status).toBe(201);
    }
    const plan = await t.request("POST", `/v1/workshops/${w.id}/plan/work-packages/design`, {
      body: { title: "Design", durationDays: 3 },
    });
    expect(plan.status).toBeLessThan(300);
    const { outputs } = (await t.request("GET", `/v1/workshops/${w.id}/outputs`)).json;
    expect(outputs[0].evidence).toMatchObject({ items: 2, workPackages: 0 });
    expect(outputs[1].evidence).toMatchObject({ items: 2 });
    const planOutput = outputs.find((o: { title: string }) => o.title.startsWith("High-level plan proposal"));
    expect(planOutput.evidence).toMatchObject({ items: 0, workPackages: 1 });
  });

  it("counts the workshop's use cases for the data-flow outputs only", async () => {
    const w = await templateWorkshop();
    const { title, producers, topics, consumers, failure } = EXAMPLE;
    const put = await t.request("PUT", `/v1/workshops/${w.id}/use-cases/order-to-cash`, {
      body: { title, producers, topics, consumers, failure },
    });
    expect(put.status).toBe(201);
    const { outputs } = (await t.request("GET", `/v1/workshops/${w.id}/outputs`)).json;
    const byTitle = (s: string) => outputs.find((o: { title: string }) => o.title === s);
    expect(byTitle("High-level data-flow model").evidence.useCases).toBe(1);
    expect(byTitle("Documented findings").evidence.useCases).toBe(1);
    expect(outputs[0].evidence.useCases).toBe(0);
  });

  it("lets a facilitator move an output to draft and done, audited; the same status again is a no-op", async () => {
    const w = await templateWorkshop();
    const [first] = (await t.request("GET", `/v1/workshops/${w.id}/outputs`)).json.outputs;
    const draft = await t.request("PATCH", `/v1/outputs/${first.id}`, {
      token: w.bot,
      body: { status: "draft", actor: SLACK_FACILITATOR },
    });
    expect(draft.status).toBe(200);
    expect(draft.json).toMatchObject({ id: first.id, status: "draft", updatedBy: "slack:UFAC" });
    const done = await t.request("PATCH", `/v1/outputs/${first.id}`, { body: { status: "done" } });
    expect(done.json.status).toBe("done");
    const again = await t.request("PATCH", `/v1/outputs/${first.id}`, { body: { status: "done" } });
    expect(again.status).toBe(200);
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, first.id), eq(auditLog.action, "output.update")));
    expect(audited.map((a) => [a.actor, a.details])).toEqual([
      ["slack:UFAC", { workshopId: w.id, from: "open", to: "draft" }],
      [expect.stringMatching(/^token:/), { workshopId: w.id, from: "draft", to: "done" }],
    ]);
  });

  it("refuses a stakeholder, a pm token and a bad status, naming the field", async () => {
    const w = await templateWorkshop();
    const [first] = (await t.request("GET", `/v1/workshops/${w.id}/outputs`)).json.outputs;
    const stake = await t.request("PATCH", `/v1/outputs/${first.id}`, {
      token: w.bot,
      body: { status: "done", actor: SLACK_STAKEHOLDER },
    });
    expect(stake.status).toBe(403);
    const pm = await t.request("PATCH", `/v1/outputs/${first.id}`, {
      token: await t.tokenFor("pm"),
      body: { status: "done" },
    });
    expect(pm.status).toBe(403);
    const bad = await t.request("PATCH", `/v1/outputs/${first.id}`, { body: { status: "finished" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("status");
    const missing = await t.request("PATCH", "/v1/outputs/00000000-0000-4000-8000-000000000000", {
      body: { status: "done" },
    });
    expect(missing.status).toBe(404);
    const still = (await t.request("GET", `/v1/workshops/${w.id}/outputs`)).json.outputs[0];
    expect(still.status).toBe("open");
  });
});

describe("outputs backfill", () => {
  it("tracks the outputs of workshops created before outputs were, and can run again", async () => {
    const w = await templateWorkshop();
    await t.database.db.delete(workshopOutputs).where(eq(workshopOutputs.workshopId, w.id));
    expect((await t.request("GET", `/v1/workshops/${w.id}/outputs`)).json.outputs).toHaveLength(0);
    // Found by name: the migration's number changes as branches merge.
    const dir = new URL("../../migrations/", import.meta.url);
    const file = readdirSync(dir).find((f) => f.endsWith("_backfill_outputs.sql"));
    expect(file).toBeDefined();
    const backfill = readFileSync(new URL(file as string, dir), "utf8");
    await t.database.db.execute(sql.raw(backfill));
    await t.database.db.execute(sql.raw(backfill));
    const { outputs } = (await t.request("GET", `/v1/workshops/${w.id}/outputs`)).json;
    expect(outputs).toHaveLength(13);
    expect(outputs[12].title).toBe("Dependency flow of activities broken down as work-package activities");
  });
});
