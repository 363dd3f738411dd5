import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { numberedButtons } from "../../bot/console/render.js";
import { renderPollCards } from "../../bot/core/poll-cards.js";
import type { Button, ChatContext, Reply } from "../../bot/core/types.js";
import { lineItems } from "../../db/schema/line-items.js";
import { sessionFeedback } from "../../db/schema/session-feedback.js";
import { votes } from "../../db/schema/votes.js";
import { createTestBots } from "../helpers/bots.js";

let b: Awaited<ReturnType<typeof createTestBots>>;
beforeAll(async () => {
  b = await createTestBots();
});
afterAll(async () => {
  await b.t.close();
});
beforeEach(() => {
  b.t.clock.set("2026-03-02T09:00:00Z");
  b.recorder.posts.length = 0;
});

const stake = (channel: string): ChatContext => b.ctx("USTAKE", channel);

/** A channel following a running demo workshop, its start message posted. */
async function runningChannel(channel: string) {
  await b.core.command("agenda", "start demo", b.ctx("UFAC", channel));
  await b.relay.tick();
}

function button(reply: Reply | undefined, label: string, rowLabel?: string): Button {
  const rows = reply?.rows ?? [];
  const row = rowLabel ? rows.find((r) => r.label.endsWith(rowLabel)) : undefined;
  const found = (row ? row.buttons : [...rows.flatMap((r) => r.buttons), ...(reply?.buttons ?? [])]).find(
    (x) => x.label === label,
  );
  if (!found) throw new Error(`no button ${label} (${rowLabel ?? "any row"})`);
  return found;
}

async function click(reply: Reply | undefined, label: string, ctx: ChatContext, rowLabel?: string) {
  const r = await b.core.handleAction(button(reply, label, rowLabel).actionId, ctx);
  if (!r) throw new Error("not Baton's button");
  return r;
}

describe("a scorecard from chat", () => {
  it("launches into the running session's thread, takes votes from its buttons and stays blind until revealed", async () => {
    await runningChannel("C-sc");
    const launched = await b.core.command("agenda", "poll scorecard", b.ctx("UFAC", "C-sc"));
    expect(launched.text).toBe(
      'The scorecard is on its way to the thread of "Demo: introductions" (5 options × 7 factors). Results stay hidden until you press *Reveal results*.',
    );
    await b.relay.tick();
    const post = b.recorder.posts.find((p) => p.event.kind === "poll");
    expect(post?.event.threadRef).toMatchObject({ channel: "C-sc" });
    const card = post?.message;
    expect(card?.text).toBe("📊 Scorecard: score each option Low / Medium / High on each factor.");
    // 5 options × 7 factors rows of L / M / H, and the facilitator's controls.
    expect(card?.rows).toHaveLength(35);
    expect(card?.rows?.[8]?.label).toBe("Confluent Community · Cost (lower is better)");
    expect(card?.buttons?.map((x) => x.label)).toEqual([
      "Reveal results",
      "Peek (facilitators)",
      "Close poll",
    ]);

    const voted = await click(card, "M", stake("C-sc"), "AWS MSK · Cost (lower is better)");
    expect(voted).toMatchObject({
      visibility: "ephemeral",
      text: "Cost for AWS MSK: M — change it any time until the poll closes.",
    });
    expect(voted.refreshPoll).toBe(post?.event.poll?.id);
    const changed = await click(card, "H", stake("C-sc"), "AWS MSK · Cost (lower is better)");
    expect(changed.text).toBe("Cost for AWS MSK: H — change it any time until the poll closes.");
    const rows = await b.t.database.db
      .select()
      .from(votes)
      .where(eq(votes.pollId, post?.event.poll?.id ?? ""));
    expect(rows.map((r) => [r.optionKey, r.factorKey, r.value])).toEqual([["aws-msk", "cost", 3]]);

    // A stakeholder peeking is told no; a facilitator sees the results, to themselves.
    const peek = await click(card, "Peek (facilitators)", stake("C-sc"));
    expect(peek).toMatchObject({
      tone: "warning",
      text: expect.stringMatching(/hidden until a facilitator reveals/),
    });
    const facPeek = await click(card, "Peek (facilitators)", b.ctx("UFAC", "C-sc"));
    expect(facPeek.visibility).toBe("ephemeral");
    expect(facPeek.sections?.[0]?.grid?.rows.map((r) => r.label)[0]).toBe("AWS MSK");

    // A stakeholder cannot reveal; the facilitator can, and the relay tells the thread.
    const refused = await click(card, "Reveal results", stake("C-sc"));
    expect(refused.tone).toBe("warning");
    const revealed = await click(card, "Reveal results", b.ctx("UFAC", "C-sc"));
    expect(revealed.text).toMatch(/^Revealed "Scorecard"/);
    await b.relay.tick();
    const note = b.recorder.posts.find((p) => p.event.kind === "poll_reveal");
    expect(note?.message.text).toBe(
      '📊 "Scorecard": the results are revealed. Voting stays open until the poll closes.',
    );
    expect(note?.message.sections?.[0]?.text).toBe(
      "Recommended: AWS MSK (1.00). Gaps (below M): Cost. Thin: 1 of 7 factors scored for AWS MSK, 1 vote on its least-voted factor. Treat the recommendation as provisional.",
    );
  });

  it("refuses a vote once the poll is closed, politely", async () => {
    await runningChannel("C-closed");
    await b.core.command("agenda", "poll scorecard", b.ctx("UFAC", "C-closed"));
    await b.relay.tick();
    const card = b.recorder.posts.find((p) => p.event.kind === "poll")?.message;
    const closed = await click(card, "Close poll", b.ctx("UFAC", "C-closed"));
    expect(closed.text).toBe('Closed "Scorecard": 0 people voted. The cards show the final results.');
    const late = await click(card, "L", stake("C-closed"), "AWS MSK · Cost (lower is better)");
    expect(late).toMatchObject({
      tone: "warning",
      text: expect.stringMatching(/^This poll closed at .*; votes are no longer accepted\.$/),
    });
  });

  it("shows an anonymous poll's cards with counts only: no names, no 'not yet' list", async () => {
    await runningChannel("C-anon");
    await b.core.command("agenda", "poll scorecard anonymous", b.ctx("UFAC", "C-anon"));
    await b.relay.tick();
    const post = b.recorder.posts.find((p) => p.event.kind === "poll" && p.event.channelId === "C-anon");
    await click(post?.message, "L", b.ctx("USECRET", "C-anon"), "AWS MSK · Cost (lower is better)");
    const poll = await b.api.getPoll(post?.event.poll?.id ?? "");
    const cards = renderPollCards(poll, {
      members: [
        { userId: "USECRET", displayName: "Secret Person" },
        { userId: "UOTHER", displayName: "Olga" },
      ],
      platform: "slack",
    });
    const text = JSON.stringify(cards);
    expect(text).toContain("1 person has voted (anonymous poll).");
    expect(text).not.toMatch(/USECRET|Secret Person|Olga|Not yet/);
  });

  it("asks for a running session before launching", async () => {
    await b.core.command("agenda", "start demo", b.ctx("UFAC", "C-none"));
    for (let i = 0; i < 3; i++) await b.core.command("agenda", "next", b.ctx("UFAC", "C-none"));
    const reply = await b.core.command("agenda", "poll scorecard", b.ctx("UFAC", "C-none"));
    expect(reply).toMatchObject({ tone: "warning", text: expect.stringMatching(/^No session is running/) });
  });
});

describe("a person's own view of a poll", () => {
  async function scorecard(channel: string) {
    await runningChannel(channel);
    await b.core.command("agenda", "poll scorecard", b.ctx("UFAC", channel));
    await b.relay.tick();
    const post = b.recorder.posts.find((p) => p.event.kind === "poll" && p.event.channelId === channel);
    return { card: post?.message, pollId: post?.event.poll?.id ?? "" };
  }
  const row = (reply: Reply | null, label: string) =>
    reply?.rows?.find((r) => r.label === label)?.buttons.map((x) => x.label);

  it("marks the person's own votes, and a vote's reply names the action that draws it", async () => {
    const { card, pollId } = await scorecard("C-own");
    // The shared card offers the per-person view of itself.
    expect(card?.personalView).toBe(`poll:view:${pollId}`);
    const voted = await click(card, "M", stake("C-own"), "AWS MSK · Cost (lower is better)");
    expect(voted.personalView).toBe(`poll:view:${pollId}`);
    const mine = await b.core.handleAction(voted.personalView ?? "", stake("C-own"));
    expect(mine).toMatchObject({ visibility: "ephemeral", personalView: `poll:view:${pollId}` });
    expect(row(mine, "AWS MSK · Cost (lower is better)")).toEqual(["L", "✓ M", "H"]);
    expect(row(mine, "AWS MSK · Suitability for dev and/or prod")).toEqual(["L", "M", "H"]);
    expect(JSON.stringify(mine)).toContain("Only you see this view: ✓ marks your vote.");
    // Someone else's view of the same poll: nothing marked.
    const other = await b.core.handleAction(`poll:view:${pollId}`, b.ctx("UOTHER", "C-own"));
    expect(row(other, "AWS MSK · Cost (lower is better)")).toEqual(["L", "M", "H"]);
  });

  it("shows a facilitator the blind tallies and Reveal / Close; a stakeholder neither", async () => {
    const { card, pollId } = await scorecard("C-blind");
    await click(card, "H", stake("C-blind"), "AWS MSK · Cost (lower is better)");
    const fac = await b.core.handleAction(`poll:view:${pollId}`, b.ctx("UFAC", "C-blind"));
    expect(fac?.buttons?.map((x) => x.label)).toEqual(["Reveal results", "Close poll"]);
    expect(fac?.sections?.some((x) => x.grid)).toBe(true);
    expect(JSON.stringify(fac)).toContain("As a facilitator you see the results so far");
    const sam = await b.core.handleAction(`poll:view:${pollId}`, stake("C-blind"));
    expect(sam?.buttons).toBeUndefined();
    expect(sam?.sections?.some((x) => x.grid)).toBe(false);
    expect(row(sam, "AWS MSK · Cost (lower is better)")).toEqual(["L", "M", "✓ H"]);
  });

  it("marks a chosen answer, and choosing it again takes it back", async () => {
    await runningChannel("C-own-ch");
    await b.core.command(
      "agenda",
      'poll choice "Region?" "eu-west-1" "us-east-1"',
      b.ctx("UFAC", "C-own-ch"),
    );
    await b.relay.tick();
    const post = b.recorder.posts.find((p) => p.event.kind === "poll" && p.event.channelId === "C-own-ch");
    await click(post?.message, "us-east-1", stake("C-own-ch"));
    const mine = await b.core.handleAction(`poll:view:${post?.event.poll?.id}`, stake("C-own-ch"));
    expect(row(mine, "Choose")).toEqual(["eu-west-1", "✓ us-east-1"]);
    const back = await click(mine ?? undefined, "✓ us-east-1", stake("C-own-ch"));
    expect(back.text).toBe("You took back us-east-1.");
  });
});

describe("choice and relevance from chat", () => {
  it("a single choice: a second answer replaces the first, Undo takes it back", async () => {
    await runningChannel("C-ch");
    await b.core.command(
      "agenda",
      'poll choice "Which region first?" "eu-west-1" "us-east-1" open',
      b.ctx("UFAC", "C-ch"),
    );
    await b.relay.tick();
    const card = b.recorder.posts.find((p) => p.event.kind === "poll")?.message;
    expect(card?.text).toBe("🗳 Which region first?");
    const first = await click(card, "eu-west-1", stake("C-ch"));
    expect(first.text).toBe("You chose eu-west-1 — change it any time until the poll closes.");
    await click(card, "us-east-1", stake("C-ch"));
    const pollId = b.recorder.posts.find((p) => p.event.kind === "poll")?.event.poll?.id ?? "";
    expect(
      (await b.t.database.db.select().from(votes).where(eq(votes.pollId, pollId))).map((r) => r.optionKey),
    ).toEqual(["us-east-1"]);
    const undo = await click(first, "Undo", stake("C-ch"));
    expect(undo.text).toBe("You took back eu-west-1.");
  });

  it("rates captured line items and ranks them", async () => {
    await runningChannel("C-rel");
    const captured = await b.core.command(
      "capture",
      "/capture risk Only one engineer knows Kafka priority:high when:Q3",
      stake("C-rel"),
    );
    expect(captured).toEqual({
      visibility: "channel",
      text: '📝 USTAKE captured a risk: "Only one engineer knows Kafka" (high priority, Q3).',
    });
    b.t.clock.advance(1000);
    await b.core.command("capture", "assumption We stay on AWS", stake("C-rel"));
    await b.core.command("agenda", "poll relevance 1-5 open", b.ctx("UFAC", "C-rel"));
    await b.relay.tick();
    const card = b.recorder.posts.find((p) => p.event.kind === "poll")?.message;
    expect(card?.rows?.map((r) => r.label)).toEqual([
      "Line items 1–2 of 2 · risk: Only one engineer knows Kafka",
      "Line items 1–2 of 2 · assumption: We stay on AWS",
    ]);
    const rated = await click(card, "4", stake("C-rel"), "assumption: We stay on AWS");
    expect(rated.text).toBe("assumption: We stay on AWS: 4 — change it any time until the poll closes.");
    const workshopId = b.recorder.posts.find((p) => p.event.kind === "poll")?.event.workshop.id;
    const ranked = await b.t.request("GET", `/v1/workshops/${workshopId}/items?order=relevance`);
    expect(
      ranked.json.items.map((i: { kind: string; relevance: { mean: number } | null }) => [
        i.kind,
        i.relevance?.mean ?? null,
      ]),
    ).toEqual([
      ["assumption", 4],
      ["risk", null],
    ]);
  });
});

describe("line items from chat", () => {
  it("/capture without text opens the form; the form captures with a link to its message", async () => {
    await runningChannel("C-cap");
    const form = await b.core.command("capture", "", stake("C-cap"));
    expect(form.form?.fields.map((f) => f.id)).toEqual([
      "kind",
      "text",
      "priority",
      "timeframe",
      "owner",
      "by",
    ]);
    const fromMessage = await b.core.captureFromMessage(
      {
        platform: "slack",
        text: "We need mTLS everywhere",
        channelId: "C-cap",
        messageRef: "1700000050.000100",
        url: "https://acme.slack.com/archives/C-cap/p1700000050000100",
        author: "slack:UOTHER",
      },
      stake("C-cap"),
    );
    expect(fromMessage.form?.fields.find((f) => f.id === "text")?.initial).toBe("We need mTLS everywhere");
    const missing = await b.core.handleSubmit(
      {
        formId: fromMessage.form?.formId ?? "",
        values: { kind: "requirement", text: " ", priority: "", timeframe: "" },
      },
      stake("C-cap"),
    );
    expect(missing).toEqual({ ok: false, errors: { text: "What is it? Write a sentence." } });
    const done = await b.core.handleSubmit(
      {
        formId: fromMessage.form?.formId ?? "",
        values: { kind: "requirement", text: "We need mTLS everywhere", priority: "high", timeframe: "" },
        ...(fromMessage.form?.state ? { state: fromMessage.form.state } : {}),
      },
      { ...stake("C-cap"), eventId: "view-1" },
    );
    expect(done).toEqual({
      ok: true,
      reply: {
        visibility: "channel",
        text: '📝 USTAKE captured a requirement from a message: "We need mTLS everywhere" (high priority).',
      },
    });
    const [row] = await b.t.database.db
      .select()
      .from(lineItems)
      .where(eq(lineItems.text, "We need mTLS everywhere"));
    expect(row?.source).toEqual({
      platform: "slack",
      channelId: "C-cap",
      messageRef: "1700000050.000100",
      url: "https://acme.slack.com/archives/C-cap/p1700000050000100",
      author: "slack:UOTHER",
    });
  });

  it.each([
    ["wish Something", /"wish" is not a kind of line item/],
    ["risk", /What is the risk\?/],
    ["risk Outage priority:urgent", /Priority is high, medium or low/],
  ])("/capture %s is refused with a hint", async (text, message) => {
    await runningChannel("C-cap-bad");
    const reply = await b.core.command("capture", text, stake("C-cap-bad"));
    expect(reply).toMatchObject({ tone: "warning", text: expect.stringMatching(message) });
  });
});

describe("session feedback from chat", () => {
  it("tells the room in the prompt that those who rated with /feedback already are done", async () => {
    await runningChannel("C-fb-early");
    const early = await b.core.command("feedback", "4", stake("C-fb-early"));
    expect(early.text).toMatch(/you rated "Demo: introductions" 4\/5/);
    await b.core.command("agenda", "next", b.ctx("UFAC", "C-fb-early"));
    await b.relay.tick();
    const prompt = b.recorder.posts.find(
      (p) => p.event.kind === "feedback" && p.event.channelId === "C-fb-early",
    );
    expect(prompt?.message.text).toMatch(
      /One of you has rated it already — thanks, nothing more to do \(a number changes your rating\)\.$/,
    );
  });

  it("asks in the thread when a session ends; a rating and a comment are recorded for that person", async () => {
    await runningChannel("C-fb");
    await b.core.command("agenda", "next", b.ctx("UFAC", "C-fb"));
    await b.relay.tick();
    const prompt = b.recorder.posts.find((p) => p.event.kind === "feedback");
    expect(prompt?.event.threadRef).toMatchObject({ channel: "C-fb" });
    expect(prompt?.message.text).toMatch(/^💬 How useful was "Demo: introductions"\?/);
    expect(numberedButtons(prompt?.message as Reply).map((x) => x.label)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "Add a comment",
    ]);

    const rated = await click(prompt?.message, "4", stake("C-fb"));
    expect(rated.text).toBe('Thanks — you rated "Demo: introductions" 4/5. Change it any time.');
    const again = await click(prompt?.message, "5", stake("C-fb"));
    expect(again.text).toBe('Thanks — you rated "Demo: introductions" 5/5. Change it any time.');
    const form = await click(prompt?.message, "Add a comment", stake("C-fb"));
    expect(form.form).toMatchObject({ title: "Session feedback", submitLabel: "Send" });
    const empty = await b.core.handleSubmit(
      { formId: form.form?.formId ?? "", values: { rating: "", comment: "" } },
      stake("C-fb"),
    );
    expect(empty).toEqual({ ok: false, errors: { rating: "Give a rating, a comment, or both." } });
    const sent = await b.core.handleSubmit(
      { formId: form.form?.formId ?? "", values: { rating: "", comment: "More time for questions" } },
      stake("C-fb"),
    );
    expect(sent).toEqual({
      ok: true,
      reply: {
        visibility: "ephemeral",
        text: 'Thanks — you rated "Demo: introductions" 5/5, with a comment. Change it any time.',
      },
    });
    const rows = await b.t.database.db
      .select()
      .from(sessionFeedback)
      .where(eq(sessionFeedback.agendaItemId, prompt?.event.item.id ?? ""));
    expect(rows.map((r) => [r.person, r.rating, r.comment])).toEqual([
      ["slack:USTAKE", 5, "More time for questions"],
    ]);
  });

  it("/feedback 4 … rates the running session; /feedback alone opens the form with the session to choose", async () => {
    await runningChannel("C-fbc");
    const typed = await b.core.command("feedback", "/feedback 4 good pace", stake("C-fbc"));
    expect(typed.text).toBe(
      'Thanks — you rated "Demo: introductions" 4/5, with a comment. Change it any time.',
    );
    const form = await b.core.command("feedback", "", stake("C-fbc"));
    expect(form.form?.fields[0]).toMatchObject({
      id: "session",
      kind: "choice",
      options: [{ label: "Demo: introductions" }],
    });
    const bad = await b.core.command("feedback", "9", stake("C-fbc"));
    expect(bad.tone).toBe("warning");
  });
});
