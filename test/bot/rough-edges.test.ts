import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderText } from "../../bot/console/render.js";
import { REGISTRY } from "../../bot/core/entries.js";
import { plainText } from "../../bot/core/markup.js";
import { formatTimeLeft } from "../../bot/core/messages.js";
import { createTestBots } from "../helpers/bots.js";

/** The chat's rough edges a newcomer and a facilitator hit, each fixed and kept fixed. */

describe("times read as hours and minutes", () => {
  it.each([
    [114 * 60 + 30, "1 h 54 min left"],
    [120 * 60, "2 h 00 min left"],
    [5 * 60, "5 min left"],
    [59, "under a minute left"],
    [-3 * 60 - 10, "3 min over"],
    [-75 * 60, "1 h 15 min over"],
  ])("%i seconds → %s", (seconds, text) => {
    expect(formatTimeLeft(seconds)).toBe(text);
  });
});

describe("the terminal shows plain text", () => {
  it.each([
    ["`/agenda next` — finish", "/agenda next — finish"],
    ["press *Reveal results*.", "press Reveal results."],
    ["2 * 3 * 4 stays", "2 * 3 * 4 stays"],
  ])("%s", (marked, plain) => {
    expect(plainText(marked)).toBe(plain);
  });

  it("renders help without backticks or stars", () => {
    const text = renderText(
      {
        visibility: "ephemeral",
        text: "Use `/agenda help`",
        sections: [{ title: "*Every command*", text: "`/plan` — plan" }],
      },
      { number: () => 1 },
    );
    expect(text).not.toMatch(/[`*]/);
  });
});

describe("the facilitator's answers", () => {
  let b: Awaited<ReturnType<typeof createTestBots>>;
  beforeAll(async () => {
    b = await createTestBots();
    b.t.clock.set("2026-03-02T09:00:00Z");
  });
  afterAll(async () => {
    await b.t.close();
  });

  it("help lists every command of the registry, and the terminal's /quit", async () => {
    const slack = await b.core.command("agenda", "help", b.ctx());
    const all = slack.sections?.map((s) => s.text).join("\n") ?? "";
    for (const name of b.core.registry.commands.map((c) => c.name)) expect(all).toContain(`/${name}`);
    expect(all).not.toContain("/quit");
    const terminal = await b.core.command("agenda", "help", {
      actor: { platform: "console", userId: "me", displayName: "me" },
      channel: { platform: "console", channelId: "t" },
    });
    expect(terminal.sections?.map((s) => s.text).join("\n")).toContain("`/quit`");
  });

  it("pause says what is left, extend says the new end", async () => {
    await b.core.command("agenda", "start demo", b.ctx("UFAC", "C-times"));
    b.t.clock.set("2026-03-02T09:00:30Z");
    const extended = await b.core.command("agenda", "extend 60", b.ctx("UFAC", "C-times"));
    expect(extended.text).toMatch(/^Extended "Demo: introductions" by 60 min\. It now ends at 10:02\.$/);
    const paused = await b.core.command("agenda", "pause", b.ctx("UFAC", "C-times"));
    expect(paused.text).toMatch(/1 h 01 min left when you resume\.$/);
  });

  it("answers an unknown command with the commands there are", async () => {
    const reply = await b.core.command("nope", "", b.ctx());
    expect(reply.tone).toBe("warning");
    // Every registered command, in the registry's order.
    expect(reply.text).toContain(REGISTRY.commands.map((c) => `\`/${c.name}\``).join(", "));
    expect(reply.text).toContain("`/swot`");
  });
});
