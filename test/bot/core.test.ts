import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAction, encodeAction } from "../../bot/core/action-ids.js";
import { parseAgendaCommand } from "../../bot/core/parse.js";
import { createTestBots } from "../helpers/bots.js";

describe("parsing /agenda", () => {
  it.each([
    ["", { verb: "help" }],
    ["help", { verb: "help" }],
    ["start", { verb: "start", demo: false }],
    ["start Acme EDA", { verb: "start", workshop: "Acme EDA", demo: false }],
    ['start "Acme EDA"', { verb: "start", workshop: "Acme EDA", demo: false }],
    ["start demo", { verb: "start", demo: true }],
    ["NEXT", { verb: "next" }],
    ["prev", { verb: "back" }],
    ["extend 5", { verb: "extend", minutes: 5 }],
    ["extend 10m", { verb: "extend", minutes: 10 }],
    ["+5", { verb: "extend", minutes: 5 }],
    ["/agenda status", { verb: "status" }],
  ])("%j → %j", (text, expected) => {
    expect(parseAgendaCommand(text)).toEqual(expected);
  });

  it.each([
    ["extend -5", "Extend by 1 to 240 minutes (got -5)"],
    ["extend", "Say how many minutes"],
    ["extend lots", "Say how many minutes"],
    ["next please", "`next` takes nothing after it"],
    ["rewind", "I don't know `rewind`"],
  ])("explains what is wrong with %j", (text, message) => {
    const cmd = parseAgendaCommand(text);
    expect(cmd.verb).toBe("error");
    expect(cmd.verb === "error" && cmd.message).toContain(message);
  });
});

describe("action ids", () => {
  it("round-trip and refuse anything else", () => {
    const a = { action: "extend" as const, workshopId: "w-1", itemId: "i-1", minutes: 5 };
    expect(decodeAction(encodeAction(a))).toEqual(a);
    expect(decodeAction("agenda:rewind:w:i")).toBeNull();
    expect(decodeAction("poll:vote:x")).toBeNull();
    expect(decodeAction("agenda:extend:w:i:-3")).toBeNull();
  });
});

describe("the core on the real API", () => {
  let b: Awaited<ReturnType<typeof createTestBots>>;
  beforeAll(async () => {
    b = await createTestBots();
    b.t.clock.set("2026-03-02T08:00:00Z");
  });
  afterAll(async () => {
    await b.t.close();
  });

  it("creates a workshop from the template when the channel follows none, binds it and starts", async () => {
    const reply = await b.core.command("agenda", "start", {
      ...b.ctx("UFAC", "C-new"),
      timezone: "Europe/London",
    });
    expect(reply.visibility).toBe("ephemeral");
    expect(reply.text).toBe(
      'Started "Introduction to Apache Kafka and event-driven architectures". This channel now follows "Event-Driven Architecture workshop"; timers post here.',
    );
    const status = await b.core.command("agenda", "status", b.ctx("UFAC", "C-new"));
    expect(status.text).toBe("▶️ Introduction to Apache Kafka and event-driven architectures: 30 min left");
    expect(status.sections?.[0]?.fields).toEqual([
      { label: "Now", value: "Introduction to Apache Kafka and event-driven architectures — 30 min left" },
      // Started at 08:00, an hour and a half early: the next item keeps its planned 10:00.
      { label: "Next", value: "Capture current architecture practices and standards at 10:00" },
    ]);
  });

  it("starts a named workshop in another channel, and says so when there is none by that name", async () => {
    const missing = await b.core.command("agenda", "start No Such Workshop", b.ctx("UFAC", "C-named"));
    expect(missing).toMatchObject({
      tone: "warning",
      text: expect.stringContaining('No workshop called "No Such Workshop"'),
    });
  });

  it("answers a stakeholder's /agenda next with a polite refusal", async () => {
    await b.core.command("agenda", "start demo", b.ctx("UFAC", "C-demo"));
    const reply = await b.core.command("agenda", "next", b.ctx("USTAKE", "C-demo"));
    expect(reply.tone).toBe("warning");
    expect(reply.text).toContain("only this workshop's facilitators can do that (Fran Facilitator)");
  });

  it("refuses commands in a channel that follows no workshop, with what to do", async () => {
    const reply = await b.core.command("agenda", "next", b.ctx("UFAC", "C-empty"));
    expect(reply).toMatchObject({
      tone: "warning",
      text: "No workshop runs in this channel yet. Start one with `/agenda start`.",
    });
  });

  it("presses buttons through the same path, refusing a stale one", async () => {
    await b.core.command("agenda", "start demo", b.ctx("UFAC", "C-btn"));
    await b.relay.tick();
    const started = b.recorder.posts.filter(
      (p) => p.event.channelId === "C-btn" && p.event.kind === "started",
    );
    const next = started.at(-1)?.message.buttons?.find((x) => x.label === "Next");
    expect(next).toBeDefined();
    const first = await b.core.handleAction(next?.actionId ?? "", b.ctx("UFAC", "C-btn"));
    expect(first?.text).toBe('Finished "Demo: introductions"; started "Demo: the big decision".');
    const stale = await b.core.handleAction(next?.actionId ?? "", b.ctx("UFAC", "C-btn"));
    expect(stale).toMatchObject({
      tone: "warning",
      text: expect.stringContaining("no longer the current one"),
    });
    expect(await b.core.handleAction("not-ours", b.ctx())).toBeNull();
  });
});
