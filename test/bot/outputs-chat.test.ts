import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postsInThread } from "../../bot/core/messages.js";
import type { Reply } from "../../bot/core/types.js";
import { parseUseCaseCommand } from "../../bot/core/usecase.js";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { workshopOutputs } from "../../db/schema/workshop-outputs.js";
import { createTestBots } from "../helpers/bots.js";

/** What a reply says, all of it: its line, its sections and its rows. */
const all = (r: Reply) =>
  [
    r.text,
    ...(r.sections ?? []).flatMap((s) => [
      s.title ?? "",
      s.text ?? "",
      ...(s.fields ?? []).map((f) => `${f.label}: ${f.value}`),
    ]),
    ...(r.rows ?? []).map((row) => `${row.label}: ${row.buttons.map((b) => b.label).join(" ")}`),
  ].join("\n");

describe("the room's outputs through the core", () => {
  let bots: Awaited<ReturnType<typeof createTestBots>>;
  beforeAll(async () => {
    bots = await createTestBots();
    bots.t.clock.set("2026-03-02T09:00:00.000Z");
    await bots.core.command("agenda", "start demo", bots.ctx());
    const db = bots.t.database.db;
    const [first] = await db.select().from(agendaItems).where(eq(agendaItems.title, "Demo: introductions"));
    if (!first) throw new Error("no demo session");
    await db.insert(workshopOutputs).values(
      ["Captured line items", "A list of assumptions"].map((title, position) => ({
        workshopId: first.workshopId,
        agendaItemId: first.id,
        position,
        title,
      })),
    );
  });
  afterAll(async () => {
    await bots?.t.close();
  });

  it("lists the session's outputs on its start message and counts them in /agenda status", async () => {
    await bots.relay.tick();
    const started = bots.recorder.posts.find((p) => p.event.kind === "started");
    expect(started && all(started.message)).toContain("☐ Captured line items: Done");
    await bots.core.command("capture", "risk Only one engineer knows Kafka", bots.ctx("USTAKE"));
    const status = await bots.core.command("agenda", "status", bots.ctx("USTAKE"));
    expect(all(status)).toContain("Outputs: 0 of 2 done, 2 outstanding");
    expect(all(status)).toContain("☐ Captured line items — 1 item");
  });

  it("says what was decided, what nobody rated, and links the report in the wrap-up", async () => {
    for (let i = 0; i < 3; i++) await bots.core.command("agenda", "next", bots.ctx());
    await bots.relay.tick();
    const wrapUps = bots.recorder.posts.filter((p) => p.event.kind === "wrapup");
    expect(wrapUps).toHaveLength(1);
    const text = all(wrapUps[0]?.message as Reply);
    expect(text).toMatch(
      /^🏁 That's a wrap for "Demo 09:00": 0 decisions, 1 line item, 0 of 2 outputs done\./,
    );
    expect(text).toContain("Risks: 1 (1 open)");
    expect(text).toContain('Nobody has rated "Demo: introductions", "Demo: the big decision"');
    expect(text).toMatch(/Web view: http:\/\/\S+\/w\/[\w-]+\nPDF: http:\/\/\S+\/w\/[\w-]+\/report\.pdf/);
    // The link was made for the facilitator whose `next` ended the workshop, and it is posted at the
    // channel's top level, not in the last session's thread.
    expect(wrapUps[0]?.event.actor).toMatchObject({ platform: "slack", userId: "UFAC" });
    expect(postsInThread("wrapup")).toBe(false);
  });

  it("refuses a use case's fields in words", () => {
    expect(parseUseCaseCommand("orders rate: lots size: 1kb")).toEqual({
      kind: "error",
      message: "Messages per second on average: `rate: 500`.",
    });
    expect(parseUseCaseCommand("orders rate: 10 peak: 5 size: 1kb")).toMatchObject({
      message: "The peak (5/s) is below the average (10/s).",
    });
    expect(parseUseCaseCommand("orders rate: 1.5k size: 2 MB keys: 10")).toMatchObject({
      message: "Name the record key too: `key: customerId`.",
    });
    expect(parseUseCaseCommand("orders rate: 1.5k size: 2 MB")).toMatchObject({
      kind: "put",
      useCase: { producers: [{ messagesPerSecond: { avg: 1500, peak: 1500 }, messageBytes: 2_000_000 }] },
    });
  });
});
