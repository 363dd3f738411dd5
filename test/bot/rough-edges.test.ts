import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderText } from "../../bot/console/render.js";
import { REGISTRY } from "../../bot/core/entries.js";
import { plainText } from "../../bot/core/markup.js";
import { formatTimeLeft } from "../../bot/core/messages.js";
import { renderPollCards } from "../../bot/core/poll-cards.js";
import type { PollView } from "../../bot/core/poll-types.js";
import type { Reply } from "../../bot/core/types.js";
import { renderBlocks } from "../../bot/slack/render.js";
import { createTestBots, terminalSession } from "../helpers/bots.js";

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

describe("/feedback answers the prompt it follows", () => {
  let b: Awaited<ReturnType<typeof createTestBots>>;
  beforeAll(async () => {
    b = await createTestBots();
    b.t.clock.set("2026-03-02T09:00:00Z");
  });
  afterAll(async () => {
    await b.t.close();
  });

  it("rates the session the prompt asked about right after it, and the running one later", async () => {
    const ctx = b.ctx("UFAC", "C-feedback");
    await b.core.command("agenda", "start demo", ctx);
    b.t.clock.advance(60_000);
    await b.core.command("agenda", "next", ctx);
    await b.relay.tick();
    // The prompt for the session that finished is in the channel…
    const prompt = b.recorder.posts.find((p) => p.message.text.startsWith("💬 How useful was"));
    expect(prompt?.message.text).toContain('"Demo: introductions"');
    // …and a typed answer a minute later rates that session, not the one that has just started.
    b.t.clock.advance(60_000);
    const soon = await b.core.command("feedback", "4 good start", b.ctx("USTAKE", "C-feedback"));
    expect(soon.text).toBe(
      'Thanks — you rated "Demo: introductions" 4/5, with a comment. Change it any time.',
    );
    // The form opens on that session too.
    const form = await b.core.command("feedback", "", b.ctx("USTAKE", "C-feedback"));
    expect(form.form?.fields[0]?.initial).toBe(prompt?.event.item.id);
    // Well into the next session, a typed rating is about the session running.
    b.t.clock.advance(20 * 60_000);
    const later = await b.core.command("feedback", "5", b.ctx("USTAKE", "C-feedback"));
    expect(later.text).toMatch(/^Thanks — you rated "Demo: the big decision" 5\/5\./);
  });

  it("does not ask again for the rating of someone who answers the prompt's Add a comment", async () => {
    const ctx = b.ctx("UFAC", "C-feedback-2");
    await b.core.command("agenda", "start demo", ctx);
    b.t.clock.advance(60_000);
    await b.core.command("agenda", "next", ctx);
    const agenda = await b.api.getAgenda((await b.api.getBinding(ctx.channel))?.id ?? "");
    const first = agenda.items[0];
    const rated = await b.core.handleAction(
      `fb:${agenda.workshopId}:${first?.id}:4`,
      b.ctx("USTAKE", "C-feedback-2"),
    );
    expect(rated?.text).toContain("4/5");
    const form = await b.core.handleAction(
      `fb:${agenda.workshopId}:${first?.id}:comment`,
      b.ctx("USTAKE", "C-feedback-2"),
    );
    expect(form?.form?.intro).toContain("Leave the rating empty to keep yours.");
    const sent = await b.core.handleSubmit(
      { formId: form?.form?.formId ?? "", values: { rating: "", comment: "More demos" } },
      b.ctx("USTAKE", "C-feedback-2"),
    );
    expect(sent).toMatchObject({ ok: true });
    const summary = await b.t.request("GET", `/v1/workshops/${agenda.workshopId}/feedback`);
    const session = summary.json.sessions.find((s: { sessionId: string }) => s.sessionId === first?.id);
    expect(session).toMatchObject({
      count: 1,
      mean: 4,
      comments: [expect.objectContaining({ text: "More demos" })],
    });
  });
});

describe("the scorecard card says how to read it", () => {
  let b: Awaited<ReturnType<typeof createTestBots>>;
  beforeAll(async () => {
    b = await createTestBots();
    b.t.clock.set("2026-03-02T09:00:00Z");
  });
  afterAll(async () => {
    await b.t.close();
  });

  it("legend, lower-is-better in words, and the API's thin-data note on one voter's two factors", async () => {
    const ctx = b.ctx("UFAC", "C-thin");
    await b.core.command("agenda", "start demo", ctx);
    await b.relay.tick();
    await b.core.command("agenda", "poll scorecard", ctx);
    await b.relay.tick();
    const poll = b.recorder.posts.at(-1)?.event.poll;
    expect(poll?.kind).toBe("scorecard");
    const head = renderPollCards(poll as PollView)[0]?.reply;
    expect(head?.sections?.map((s) => s.text).join("\n")).toContain(
      "L = low, M = medium, H = high. Lower is better for Cost: there L (low cost) scores best.",
    );
    const msk = poll?.options.find((o) => o.label === "AWS MSK")?.key ?? "";
    const [first, second] = poll?.factors ?? [];
    await b.api.castVotes(poll?.id ?? "", b.ctx("USTAKE").actor, [
      { option: msk, factor: first?.key, value: "H" },
      { option: msk, factor: second?.key, value: "L" },
    ]);
    await b.core.handleAction(`poll:reveal:${poll?.id}`, ctx);
    await b.relay.tick();
    const revealed = b.recorder.posts.at(-1)?.message;
    expect(revealed?.text).toContain("the results are revealed");
    const text = revealed?.sections?.map((s) => s.text).join("\n") ?? "";
    expect(text).toContain("Recommended: AWS MSK (3.00).");
    expect(text).toContain(
      "Thin: 2 of 7 factors scored for AWS MSK, 1 vote on its least-voted factor. Treat the recommendation as provisional.",
    );
    expect(text).toContain("Scored: the share of the factors (by weight) that anyone has scored.");
    expect(revealed?.sections?.[0]?.grid?.columns).toEqual(["score", "scored"]);
    // And Slack shows all of it within its limits.
    expect(JSON.stringify(renderBlocks(revealed as Reply).blocks)).toContain("Thin: 2 of 7 factors scored");
  });
});

describe("the terminal prints a reveal's results once", () => {
  let b: Awaited<ReturnType<typeof createTestBots>>;
  beforeAll(async () => {
    b = await createTestBots();
    b.t.clock.set("2026-03-02T09:00:00Z");
  });
  afterAll(async () => {
    await b.t.close();
  });

  it("shows the results in the room's note only, not again in the facilitator's answer", async () => {
    const { input, session, relay, say, output } = terminalSession(b, "terminal-once", {
      userId: "fran",
      displayName: "Fran",
    });
    await say("/agenda start demo");
    await relay.tick();
    await say('/agenda poll choice "Lunch?" "Pizza" "Salad"');
    await relay.tick();
    const numberOf = (label: string) => new RegExp(`\\[(\\d+)\\] ${label}`).exec(output())?.[1] ?? "";
    await say(numberOf("Pizza"));
    await say(numberOf("Reveal results"));
    await relay.tick();
    await say(numberOf("Close poll"));
    await relay.tick();
    expect(output()).toContain("the results are revealed");
    expect(output()).toContain("is closed. The results:");
    // Each results table printed once for the reveal and once for the close: twice, not four times.
    expect(output().match(/Pizza\s+1\s+100%/g)).toHaveLength(2);
    input.end("/quit\n");
    await session.done;
  });
});
