import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { auditLog } from "../../db/schema/audit-log.js";
import { workshops } from "../../db/schema/workshops.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ bodyLimitBytes: 64 * 1024 });
});
afterAll(async () => {
  await t.close();
});

const valid = { name: "Acme EDA workshop", timezone: "Europe/London", startDate: "2025-03-29" };

async function counts() {
  const db = t.database.db;
  return {
    workshops: (await db.select().from(workshops)).length,
    items: (await db.select().from(agendaItems)).length,
    audit: (await db.select().from(auditLog)).length,
  };
}

describe("creating from the template", () => {
  it("yields the 15 agenda items with local times resolved across the day clocks go forward", async () => {
    const res = await t.request("POST", "/v1/workshops", { body: valid });
    expect(res.status).toBe(201);
    expect(res.headers.get("Location")).toBe(`/v1/workshops/${res.json.id}`);
    expect(res.json).toMatchObject({ ...valid, templateId: "eda-kafka-2day" });
    const agenda = await t.request("GET", `/v1/workshops/${res.json.id}/agenda`);
    expect(agenda.status).toBe(200);
    const items = agenda.json.items as Array<Record<string, unknown>>;
    expect(items).toHaveLength(15);
    expect(items.filter((i) => i.kind === "break")).toHaveLength(4);
    // Saturday 29 March 2025 is GMT; Sunday 30 March is BST (UTC+1) from 01:00.
    expect(items.map((i) => [i.day, i.localStart, i.plannedStart])).toEqual([
      [1, "09:30", "2025-03-29T09:30:00.000Z"],
      [1, "10:00", "2025-03-29T10:00:00.000Z"],
      [1, "12:00", "2025-03-29T12:00:00.000Z"],
      [1, "12:45", "2025-03-29T12:45:00.000Z"],
      [1, "15:00", "2025-03-29T15:00:00.000Z"],
      [1, "15:30", "2025-03-29T15:30:00.000Z"],
      [2, "09:30", "2025-03-30T08:30:00.000Z"],
      [2, "10:00", "2025-03-30T09:00:00.000Z"],
      [2, "10:30", "2025-03-30T09:30:00.000Z"],
      [2, "11:00", "2025-03-30T10:00:00.000Z"],
      [2, "12:00", "2025-03-30T11:00:00.000Z"],
      [2, "12:45", "2025-03-30T11:45:00.000Z"],
      [2, "13:15", "2025-03-30T12:15:00.000Z"],
      [2, "15:45", "2025-03-30T14:45:00.000Z"],
      [2, "16:00", "2025-03-30T15:00:00.000Z"],
    ]);
    expect(items.at(-1)).toMatchObject({ localEnd: "17:00", plannedEnd: "2025-03-30T16:00:00.000Z" });
    expect(items[1]?.topics).toContain("FOSS v Commercial v Cloud");
  });

  it("resolves times in another zone on the day clocks go back", async () => {
    const res = await t.request("POST", "/v1/workshops", {
      body: { name: "NY", timezone: "America/New_York", startDate: "2025-11-01" },
    });
    expect(res.status).toBe(201);
    expect(res.json.agenda[0].plannedStart).toBe("2025-11-01T13:30:00.000Z"); // EDT, UTC−4
    expect(res.json.agenda[6].plannedStart).toBe("2025-11-02T14:30:00.000Z"); // EST, UTC−5
  });

  it("stores the canonical time zone name", async () => {
    const res = await t.request("POST", "/v1/workshops", { body: { ...valid, timezone: "utc" } });
    expect(res.json.timezone).toBe("UTC");
  });

  it("audits the creation in the same transaction", async () => {
    const res = await t.request("POST", "/v1/workshops", { body: valid });
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, res.json.id));
    expect(entries).toEqual([
      expect.objectContaining({
        action: "workshop.create",
        details: { name: valid.name, templateId: "eda-kafka-2day", items: 15 },
      }),
    ]);
  });
});

describe("a custom agenda", () => {
  it("is planned as given", async () => {
    const res = await t.request("POST", "/v1/workshops", {
      body: {
        ...valid,
        timezone: "Asia/Tokyo",
        startDate: "2026-06-01",
        agenda: [
          { day: 1, start: "09:00", end: "09:01", kind: "session", title: "Kick-off", topics: ["hello"] },
          { day: 1, start: "09:01", end: "12:00", kind: "session", title: "Deep dive" },
          { day: 3, start: "10:00", end: "11:00", kind: "break", title: "Coffee" },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.templateId).toBeNull();
    expect(
      res.json.agenda.map((i: Record<string, unknown>) => [i.title, i.plannedStart, i.plannedEnd]),
    ).toEqual([
      ["Kick-off", "2026-06-01T00:00:00.000Z", "2026-06-01T00:01:00.000Z"],
      ["Deep dive", "2026-06-01T00:01:00.000Z", "2026-06-01T03:00:00.000Z"],
      ["Coffee", "2026-06-03T01:00:00.000Z", "2026-06-03T02:00:00.000Z"],
    ]);
    expect(res.json.agenda[0].topics).toEqual(["hello"]);
    expect(res.json.agenda[1].topics).toEqual([]);
  });

  it("refuses overlapping and unordered items with a 400 naming each, and stores nothing", async () => {
    const before = await counts();
    const res = await t.request("POST", "/v1/workshops", {
      body: {
        ...valid,
        agenda: [
          { day: 1, start: "09:00", end: "10:00", kind: "session", title: "A" },
          { day: 1, start: "09:45", end: "10:30", kind: "session", title: "B" },
          { day: 2, start: "09:00", end: "10:00", kind: "session", title: "C" },
          { day: 1, start: "14:00", end: "15:00", kind: "session", title: "D" },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([
      { path: "agenda.1.start", message: expect.stringContaining('before item 0 ("A") ends at 10:00') },
      { path: "agenda.3.day", message: expect.stringContaining("must be in order") },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a template and an agenda together", async () => {
    const res = await t.request("POST", "/v1/workshops", {
      body: {
        ...valid,
        template: "eda-kafka-2day",
        agenda: [{ day: 1, start: "09:00", end: "10:00", kind: "session", title: "A" }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe("agenda");
  });
});

describe("bad input changes nothing and names the field", () => {
  it.each([
    ["a missing name", { timezone: "UTC", startDate: "2026-01-05" }, ["name"]],
    ["a number for a name", { ...valid, name: 42 }, ["name"]],
    ["an unknown time zone", { ...valid, timezone: "Mars/Olympus_Mons" }, ["timezone"]],
    ["an offset for a time zone", { ...valid, timezone: "+02:00" }, ["timezone"]],
    ["an impossible date", { ...valid, startDate: "2026-02-30" }, ["startDate"]],
    ["an unknown template", { ...valid, template: "nope" }, ["template"]],
    ["an empty agenda", { ...valid, agenda: [] }, ["agenda"]],
    [
      "a bad item time",
      { ...valid, agenda: [{ day: 1, start: "9am", end: "10:00", kind: "session", title: "A" }] },
      ["agenda.0.start"],
    ],
    ["a typo'd field", { name: "A", timeZone: "UTC", startDate: "2026-01-05" }, ["timezone", "timeZone"]],
    ["an array body", [valid], ["body"]],
  ])("%s", async (_name, body, fields) => {
    const before = await counts();
    const res = await t.request("POST", "/v1/workshops", { body });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION");
    expect(res.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual([...fields].sort());
    for (const f of fields) expect(res.json.error.message).toContain(f);
    expect(await counts()).toEqual(before);
  });

  it("refuses a body that is not JSON", async () => {
    const res = await t.request("POST", "/v1/workshops", {
      body: "{name: 'x'",
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: "body", message: "not valid JSON" }]);
  });

  it("refuses a body sent as another media type", async () => {
    const res = await t.request("POST", "/v1/workshops", {
      body: "name=x",
      headers: { "Content-Type": "text/plain" },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe("body");
  });

  it("refuses an oversized body with 413", async () => {
    const before = await counts();
    const res = await t.request("POST", "/v1/workshops", { body: { ...valid, name: "x".repeat(70 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await counts()).toEqual(before);
  });
});

describe("idempotent creation", () => {
  it("returns the first workshop for a retried Idempotency-Key", async () => {
    const headers = { "Idempotency-Key": "retry-1" };
    const first = await t.request("POST", "/v1/workshops", { body: valid, headers });
    const before = await counts();
    const again = await t.request("POST", "/v1/workshops", { body: valid, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    expect(await counts()).toEqual(before);
  });

  it("creates one workshop when retries race", async () => {
    const headers = { "Idempotency-Key": "race-1" };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.request("POST", "/v1/workshops", { body: valid, headers })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(7);
    expect(new Set(results.map((r) => r.json.id)).size).toBe(1);
  });

  it("refuses a key reused with another body", async () => {
    const headers = { "Idempotency-Key": "retry-2" };
    await t.request("POST", "/v1/workshops", { body: valid, headers });
    const res = await t.request("POST", "/v1/workshops", { body: { ...valid, name: "Other" }, headers });
    expect(res.status).toBe(422);
    expect(res.json.error.details).toEqual([{ path: "Idempotency-Key", message: expect.any(String) }]);
  });
});

describe("reading", () => {
  it("answers 404 with the envelope for an unknown workshop", async () => {
    const res = await t.request("GET", "/v1/workshops/00000000-0000-4000-8000-000000000000/agenda");
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("NOT_FOUND");
  });

  it("pages through the list newest first without repeats", async () => {
    const all = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.request(
        "GET",
        `/v1/workshops?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(res.status).toBe(200);
      expect(res.json.workshops.length).toBeLessThanOrEqual(2);
      for (const w of res.json.workshops) all.add(w.id);
      cursor = res.json.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(all.size).toBe((await counts()).workshops);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=abc", "limit"],
    ["cursor=garbage", "cursor"],
  ])("refuses ?%s naming %s", async (query, field) => {
    const res = await t.request("GET", `/v1/workshops?${query}`);
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe(field);
  });
});

describe("finding by name", () => {
  it("filters the list by name, ignoring case", async () => {
    await t.request("POST", "/v1/workshops", { body: { ...valid, name: "Findable Workshop" } });
    const res = await t.request("GET", "/v1/workshops?name=findable%20WORKSHOP");
    expect(res.json.workshops.map((w: { name: string }) => w.name)).toEqual(["Findable Workshop"]);
    expect((await t.request("GET", "/v1/workshops?name=nothing-like-it")).json.workshops).toEqual([]);
  });
});
