import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { timerEvents } from "../../db/schema/timer-events.js";
import { createTestApp, SLACK_FACILITATOR, SLACK_STAKEHOLDER, type TestApp } from "../helpers/app.js";

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

/** A custom two-session agenda whose second session is the review, bound and started by the facilitator. */
async function reviewWorkshop() {
  const created = await t.request("POST", "/v1/workshops", {
    body: {
      name: `Review ${Math.random().toString(36).slice(2, 8)}`,
      timezone: "UTC",
      startDate: "2026-03-02",
      agenda: [
        { day: 1, start: "09:00", end: "10:00", kind: "session", title: "Capture", outputs: ["Assumptions"] },
        { day: 2, start: "09:00", end: "09:30", kind: "session", title: "Review of day 1" },
      ],
    },
  });
  // Binding a channel makes no facilitator: the chat facilitator is added through the API.
  const added = await t.request("POST", `/v1/workshops/${created.json.id}/facilitators`, {
    body: { facilitator: SLACK_FACILITATOR },
  });
  expect(added.status).toBe(200);
  const bot = await t.tokenFor("bot");
  await t.request("PUT", `/v1/channels/slack/CREV${Math.random().toString(36).slice(2, 6)}/binding`, {
    token: bot,
    body: { workshopId: created.json.id, actor: SLACK_FACILITATOR },
  });
  const w = { id: created.json.id as string, bot, sessions: created.json.agenda as { id: string }[] };
  const act = (action: string) =>
    t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
      token: bot,
      body: { action, actor: SLACK_FACILITATOR },
    });
  return { ...w, act };
}

describe("the day-2 review", () => {
  it("lists every open assumption and risk, posts the review when its session starts, and records each outcome", async () => {
    const w = await reviewWorkshop();
    expect((await w.act("start")).status).toBe(200);
    const ids: string[] = [];
    for (const [kind, text] of [
      ["assumption", "Two regions"],
      ["risk", "One Kafka expert"],
      ["assumption", "Licences in place"],
      ["requirement", "Schema registry"],
    ]) {
      const res = await t.request("POST", `/v1/workshops/${w.id}/items`, {
        token: w.bot,
        body: { kind, text, actor: SLACK_STAKEHOLDER },
      });
      ids.push(res.json.id);
    }
    const before = await t.request("GET", `/v1/workshops/${w.id}/review`, { token: w.bot });
    expect(before.status).toBe(200);
    expect(before.json.items).toHaveLength(3);
    expect(before.json.counts).toEqual({ pending: 3, deferred: 0, validated: 0, invalidated: 0 });

    expect((await w.act("next")).status).toBe(200);
    const posted = await t.database.db
      .select()
      .from(timerEvents)
      .where(and(eq(timerEvents.workshopId, w.id), eq(timerEvents.kind, "review")));
    expect(posted.map((p) => p.agendaItemId)).toEqual([w.sessions[1]?.id]);

    const review = (
      id: string | undefined,
      outcome: string,
      actor: { platform: string; userId: string; displayName: string } = SLACK_FACILITATOR,
    ) => t.request("POST", `/v1/items/${id}/review`, { token: w.bot, body: { outcome, actor } });
    const refused = await review(ids[0], "validate", SLACK_STAKEHOLDER);
    expect(refused.status).toBe(403);
    const validated = await review(ids[0], "validate");
    expect(validated.status).toBe(200);
    expect(validated.json).toMatchObject({
      status: "validated",
      review: { outcome: "validated", by: "slack:UFAC" },
    });
    expect((await review(ids[1], "invalidate")).json.status).toBe("invalidated");
    const deferred = await review(ids[2], "defer");
    expect(deferred.json).toMatchObject({ status: "open", review: { outcome: "deferred" } });
    const bad = await review(ids[2], "maybe");
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("outcome");

    const after = await t.request("GET", `/v1/workshops/${w.id}/review`);
    expect(after.json.items.map((i: { text: string }) => i.text)).toEqual(["Licences in place"]);
    expect(after.json.counts).toEqual({ pending: 0, deferred: 1, validated: 1, invalidated: 1 });
    const outputs = (await t.request("GET", `/v1/workshops/${w.id}/outputs`)).json.outputs;
    expect(outputs[0]).toMatchObject({ title: "Assumptions", evidence: { items: 4, reviewed: 3 } });
  });
});
