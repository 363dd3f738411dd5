import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { agendaActions } from "../../db/schema/agenda-actions.js";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { lineItems } from "../../db/schema/line-items.js";
import { polls } from "../../db/schema/polls.js";
import { workshops } from "../../db/schema/workshops.js";
import { createBoundWorkshop, createTestApp, SLACK_FACILITATOR, type TestApp } from "../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set("2026-03-02T09:00:00Z");
});
afterAll(async () => {
  await t.close();
});

/** One write route that takes `Idempotency-Key`: a request, a different one, and what it writes. */
interface Case {
  /** The concrete path (the OpenAPI path with its ids filled in). */
  path: string;
  token: string;
  body: Record<string, unknown>;
  /** Same route, another body: must not be answered with `body`'s result. */
  other: Record<string, unknown>;
  /** The state the route writes, to see that a replay or a refusal changed nothing. */
  state: () => Promise<unknown>;
  /** What identifies the first result in a response (the created thing's id, the action's message). */
  result: (json: Record<string, unknown>) => unknown;
}

const rows = async (table: typeof workshops | typeof polls | typeof lineItems | typeof agendaActions) =>
  (await t.database.db.select({ n: count() }).from(table))[0]?.n;

/**
 * Every operation whose OpenAPI document declares the header must be here (the test below fails
 * otherwise), so a new route that takes the key is tested for binding it to its body.
 */
const CASES: Record<string, () => Promise<Case>> = {
  "POST /v1/workshops": async () => {
    const body = { name: "Idem", timezone: "Europe/Berlin", startDate: "2026-03-09" };
    return {
      path: "/v1/workshops",
      token: t.adminToken,
      body,
      other: { ...body, name: "Idem, but another" },
      state: () => rows(workshops),
      result: (json) => json.id,
    };
  },
  "POST /v1/workshops/{id}/agenda/actions": async () => {
    const w = await createBoundWorkshop(t);
    return {
      path: `/v1/workshops/${w.id}/agenda/actions`,
      token: w.bot,
      body: { action: "start", actor: SLACK_FACILITATOR },
      other: { action: "skip", actor: SLACK_FACILITATOR },
      state: async () => ({
        actions: await rows(agendaActions),
        items: (
          await t.database.db
            .select({ state: agendaItems.state, endsAt: agendaItems.endsAt })
            .from(agendaItems)
            .where(eq(agendaItems.workshopId, w.id))
            .orderBy(agendaItems.position)
        ).map((i) => [i.state, i.endsAt?.toISOString() ?? null]),
      }),
      result: (json) => json.message,
    };
  },
  "POST /v1/workshops/{id}/polls": async () => {
    const w = await createBoundWorkshop(t);
    const body = {
      kind: "choice",
      title: "Which broker?",
      options: ["Kafka", "Pulsar"],
      actor: SLACK_FACILITATOR,
    };
    return {
      path: `/v1/workshops/${w.id}/polls`,
      token: w.bot,
      body,
      other: { ...body, title: "Which schema registry?" },
      state: () => rows(polls),
      result: (json) => json.id,
    };
  },
  "POST /v1/workshops/{id}/items": async () => {
    const w = await createBoundWorkshop(t);
    const body = { kind: "risk", text: "Nobody on the team has run Kafka", actor: SLACK_FACILITATOR };
    return {
      path: `/v1/workshops/${w.id}/items`,
      token: w.bot,
      body,
      other: { ...body, text: "The budget is not agreed" },
      state: () => rows(lineItems),
      result: (json) => json.id,
    };
  },
};

describe("Idempotency-Key is bound to the request", () => {
  it("covers every operation the OpenAPI document declares the header on", async () => {
    const doc = (await t.request("GET", "/openapi.json", { token: null })).json as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    const declared = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) =>
          (op.parameters ?? []).some((p) => p.in === "header" && p.name.toLowerCase() === "idempotency-key"),
        )
        .map(([method]) => `${method.toUpperCase()} /v1${path.replace(/^\/v1/, "")}`),
    );
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.sort()).toEqual(Object.keys(CASES).sort());
  });

  describe.each(Object.keys(CASES))("%s", (operation) => {
    let c: Case;
    // A fresh workshop per test: an agenda that already started cannot start again.
    beforeEach(async () => {
      const make = CASES[operation];
      if (!make) throw new Error(`no case for ${operation}`);
      c = await make();
    });
    const send = (body: Record<string, unknown>, key: string | null, reordered = false) => {
      // The same body with its keys in another order is the same request.
      const sent = reordered ? Object.fromEntries(Object.entries(body).reverse()) : body;
      return t.request("POST", c.path, {
        token: c.token,
        body: sent,
        headers: key ? { "Idempotency-Key": key } : {},
      });
    };

    it("replays the first result for a retry with the same key and body, writing nothing", async () => {
      const key = `${operation}-replay`;
      const first = await send(c.body, key);
      expect(first.status, first.text).toBeLessThan(300);
      const after = await c.state();
      const again = await send(c.body, key, true);
      expect(again.status, again.text).toBeLessThan(300);
      expect(c.result(again.json)).toEqual(c.result(first.json));
      expect(await c.state()).toEqual(after);
    });

    it("refuses the same key with another body (422 naming Idempotency-Key), writing nothing", async () => {
      const key = `${operation}-reuse`;
      expect((await send(c.body, key)).status).toBeLessThan(300);
      const before = await c.state();
      const res = await send(c.other, key);
      expect(res.status, res.text).toBe(422);
      expect(res.json.error).toMatchObject({
        code: "UNPROCESSABLE",
        details: [{ path: "Idempotency-Key", message: expect.any(String) }],
      });
      expect(res.json.error.message).toMatch(/Idempotency-Key/);
      expect(await c.state()).toEqual(before);
      // And the first request's retry is still answered.
      expect((await send(c.body, key)).status).toBeLessThan(300);
    });
  });
});
