import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderTimerEvent } from "../../bot/core/messages.js";
import { renderPollCards } from "../../bot/core/poll-cards.js";
import type { PollView } from "../../bot/core/poll-types.js";
import type { Reply, TimerEvent } from "../../bot/core/types.js";
import { renderBlocks, renderModal, SLACK_LIMITS } from "../../bot/slack/render.js";
import { activityBytes, packPollCards, pollPartReply, withPartRefresh } from "../../bot/teams/poll-parts.js";
import { renderCard } from "../../bot/teams/render.js";
import { SLACK_FACILITATOR } from "../helpers/app.js";
import { createTestBots } from "../helpers/bots.js";
import { castVotes, launchPoll, type Person, person, runningWorkshop } from "../helpers/polls.js";
import { teamsDriver } from "../helpers/transports.js";

/**
 * The largest messages Baton can render, against what the platforms accept: Teams refuses a bot
 * message over about 100 KB (the activity as JSON); Slack refuses Block Kit that breaks its limits.
 * The cases are the API's maxima (25 options × 15 factors × 4 views, 50 line items, 25 answers) with
 * the longest labels it takes, voted on by a room of long names, in every state of the poll, as the
 * room and as one person sees it.
 */

const TEAMS_LIMIT_BYTES = 100 * 1024;
/** A channel of 60 members: the most for whom a card carries a refresh (their MRIs on every card). */
const AUDIENCE = Array.from({ length: 60 }, (_, i) => `29:1${"x".repeat(70)}${String(i).padStart(3, "0")}`);

let b: Awaited<ReturnType<typeof createTestBots>>;
beforeAll(async () => {
  b = await createTestBots();
  b.t.clock.set("2026-03-02T09:00:00Z");
});
afterAll(async () => {
  await b.t.close();
});

const long = (prefix: string, n: number) => `${prefix} ${"ä".repeat(n)}`.slice(0, n);
const voters: Person[] = Array.from({ length: 30 }, (_, i) =>
  person(`U${String(i).padStart(3, "0")}`, long(`Voter number ${i} with a very long display name`, 80)),
);

/** Every Block Kit rule a message of Baton's could break; [] when it keeps them all. */
function slackProblems(message: { text: string; blocks: unknown[] }): string[] {
  const problems: string[] = [];
  const blocks = message.blocks as {
    type: string;
    text?: { text: string };
    fields?: { text: string }[];
    elements?: { type: string; text?: { text: string } | string; action_id?: string; value?: string }[];
  }[];
  if (message.text.length > 40_000) problems.push(`text ${message.text.length} > 40000`);
  if (blocks.length > SLACK_LIMITS.blocks) problems.push(`${blocks.length} blocks > 50`);
  for (const [i, block] of blocks.entries()) {
    if (block.type === "section") {
      if ((block.text?.text.length ?? 0) > 3000) problems.push(`block ${i}: section text > 3000`);
      if ((block.fields?.length ?? 0) > 10) problems.push(`block ${i}: > 10 fields`);
      for (const f of block.fields ?? []) if (f.text.length > 2000) problems.push(`block ${i}: field > 2000`);
      if (!block.text && !block.fields?.length) problems.push(`block ${i}: empty section`);
    }
    if (block.type === "header" && (block.text?.text.length ?? 0) > 150)
      problems.push(`block ${i}: header > 150`);
    if (block.type === "context") {
      if ((block.elements?.length ?? 0) > 10) problems.push(`block ${i}: > 10 context elements`);
      for (const e of block.elements ?? [])
        if (typeof e.text === "string" && e.text.length > 3000)
          problems.push(`block ${i}: context text > 3000`);
    }
    if (block.type === "actions") {
      if ((block.elements?.length ?? 0) > 25) problems.push(`block ${i}: > 25 elements`);
      for (const e of block.elements ?? []) {
        const label = typeof e.text === "string" ? e.text : (e.text?.text ?? "");
        if (label.length > 75) problems.push(`block ${i}: button text > 75`);
        if ((e.action_id?.length ?? 0) > 255) problems.push(`block ${i}: action_id > 255`);
        if ((e.value?.length ?? 0) > 2000) problems.push(`block ${i}: value > 2000`);
      }
    }
  }
  return problems;
}

function teamsBytes(reply: Reply, cards: string[] | null = null): number {
  return activityBytes({
    type: "message",
    text: reply.text,
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        content: withPartRefresh(renderCard(reply, AUDIENCE), cards),
      },
    ],
  });
}

/** Every message of the poll as Teams and Slack would be sent it, room's and person's, with its size. */
function everyMessage(
  room: PollView,
  mine: PollView,
  parts: { cards: string[] }[],
): { name: string; reply: Reply; cards: string[] | null }[] {
  const out: { name: string; reply: Reply; cards: string[] | null }[] = [];
  for (const [index, part] of parts.entries()) {
    const cards = parts.length > 1 ? part.cards : null;
    const at = { part: { index, of: parts.length } };
    out.push({
      name: `teams part ${index + 1}/${parts.length}`,
      reply: pollPartReply(room, cards, at),
      cards,
    });
    out.push({
      name: `teams personal part ${index + 1}/${parts.length}`,
      reply: pollPartReply(mine, cards, { ...at, personal: true }),
      cards,
    });
  }
  for (const card of renderPollCards(room, { platform: "slack" }))
    out.push({ name: `slack card ${card.key}`, reply: card.reply, cards: null });
  for (const kind of ["poll_reveal", "poll_close"] as const)
    out.push({ name: kind, reply: renderTimerEvent(timerEvent(kind, room), b.t.clock.now()), cards: null });
  return out;
}

function timerEvent(kind: TimerEvent["kind"], poll: PollView): TimerEvent {
  return {
    id: "e",
    kind,
    seq: 0,
    dueAt: "2026-03-02T09:00:00Z",
    claims: 1,
    attempts: 0,
    platform: "teams",
    channelId: "c",
    conversationRef: null,
    threadRef: null,
    workshop: { id: poll.workshopId, name: "W", timezone: "UTC" },
    item: {
      id: poll.sessionId ?? "",
      title: "Session 1",
      kind: "session",
      position: 0,
      endsAt: null,
      plannedMinutes: 30,
      extendedMinutes: 0,
    },
    next: null,
    poll,
    pollMessageRef: null,
  };
}

/**
 * Every state of the poll, its Teams messages packed as they were posted (before any vote): the
 * cards grow afterwards (voters' names, results), and must still fit.
 */
async function checkAllStates(pollId: string, parts: { cards: string[] }[], realistic = true) {
  const sizes: Record<string, number> = {};
  for (const state of ["open", "revealed", "closed"] as const) {
    if (state === "revealed") await b.api.revealPoll(pollId, SLACK_FACILITATOR);
    if (state === "closed") await b.api.closePoll(pollId, SLACK_FACILITATOR);
    const room = await b.api.getPoll(pollId);
    const mine = await b.api.getPoll(pollId, voters[0] ?? SLACK_FACILITATOR);
    for (const m of everyMessage(room, mine, parts)) {
      const bytes = teamsBytes(m.reply, m.cards);
      sizes[`${state} ${m.name}`] = bytes;
      if (m.name.startsWith("teams") || m.name.startsWith("poll_"))
        expect(bytes, `${state}: ${m.name} is ${bytes} bytes in Teams`).toBeLessThan(TEAMS_LIMIT_BYTES);
      if (m.name.startsWith("teams") && realistic)
        expect(JSON.stringify(renderCard(m.reply, AUDIENCE)), `${state}: ${m.name} cut`).not.toContain(
          "not shown here",
        );
      if (m.name.startsWith("slack") || m.name.startsWith("poll_"))
        expect(slackProblems(renderBlocks(m.reply)), `${state}: ${m.name} in Slack`).toEqual([]);
    }
  }
  return sizes;
}

describe("poll cards stay within Teams' and Slack's limits", () => {
  it("the template scorecard with two views, voted on by 30 people", async () => {
    const w = await runningWorkshop(b.t, { channels: ["C-size-1"] });
    const created = await launchPoll(b.t, w, { kind: "scorecard", views: ["production", "pre-prod"] });
    expect(created.status).toBe(201);
    const poll = created.json as PollView;
    const parts = packPollCards(await b.api.getPoll(poll.id));
    for (const who of voters)
      await castVotes(
        b.t,
        w.bot,
        poll.id,
        who,
        poll.views.flatMap((view) =>
          poll.options.flatMap((o) =>
            poll.factors.map((f, i) => ({
              option: o.key,
              factor: f.key,
              view,
              value: "LMH"[(i + who.userId.length) % 3],
            })),
          ),
        ),
      );
    const sizes = await checkAllStates(poll.id, parts);
    // One Teams message was 162 KB before the poll was split; each part now keeps the headroom.
    expect(parts.length).toBeGreaterThan(1);
    for (const [name, bytes] of Object.entries(sizes).filter(([k]) => k.includes("teams part")))
      expect(bytes, name).toBeLessThan(90_000);
  });

  it("the largest scorecard the API takes: 25 options × 15 factors × 4 views, longest labels", async () => {
    const w = await runningWorkshop(b.t, { channels: ["C-size-2"] });
    const created = await launchPoll(b.t, w, {
      kind: "scorecard",
      title: long("A scorecard with the longest title", 300),
      options: Array.from({ length: 25 }, (_, i) => ({
        key: `option-${i}`,
        label: long(`Option ${i}`, 200),
      })),
      factors: Array.from({ length: 15 }, (_, i) => ({
        key: `factor-${i}`,
        name: long(`Factor ${i}`, 300),
        polarity: i % 2 ? "lower-is-better" : "higher-is-better",
      })),
      views: ["production-eu-west", "pre-production-eu", "disaster-recovery", "development-shared"],
    });
    expect(created.status, created.text).toBe(201);
    const poll = created.json as PollView;
    const parts = packPollCards(await b.api.getPoll(poll.id));
    for (const who of voters.slice(0, 10))
      await castVotes(
        b.t,
        w.bot,
        poll.id,
        who,
        poll.views.flatMap((view) =>
          poll.options.map((o) => ({ option: o.key, factor: "factor-0", view, value: "H" })),
        ),
      );
    await checkAllStates(poll.id, parts, false);
  });

  it("a relevance poll of 50 line items with long texts, on the 1–5 scale", async () => {
    const w = await runningWorkshop(b.t, { channels: ["C-size-3"] });
    for (let i = 0; i < 50; i++) {
      const res = await b.t.request("POST", `/v1/workshops/${w.id}/items`, {
        token: w.bot,
        body: { kind: "requirement", text: long(`Requirement ${i}`, 2000), actor: SLACK_FACILITATOR },
      });
      expect(res.status, res.text).toBe(201);
    }
    const created = await launchPoll(b.t, w, { kind: "relevance", scale: "1-5" });
    expect(created.status, created.text).toBe(201);
    const poll = created.json as PollView;
    const parts = packPollCards(await b.api.getPoll(poll.id));
    for (const who of voters)
      await castVotes(
        b.t,
        w.bot,
        poll.id,
        who,
        poll.options.map((o) => ({ option: o.key, value: 4 })),
      );
    await checkAllStates(poll.id, parts);
  });

  it("a choice of 25 long answers", async () => {
    const w = await runningWorkshop(b.t, { channels: ["C-size-4"] });
    const created = await launchPoll(b.t, w, {
      kind: "choice",
      title: long("Which one", 300),
      multiple: true,
      options: Array.from({ length: 25 }, (_, i) => long(`Answer ${i}`, 200)),
    });
    expect(created.status, created.text).toBe(201);
    const poll = created.json as PollView;
    const parts = packPollCards(await b.api.getPoll(poll.id));
    for (const who of voters)
      await castVotes(b.t, w.bot, poll.id, who, [{ option: poll.options[0]?.key, value: true }]);
    await checkAllStates(poll.id, parts);
  });
});

describe("other messages stay within the limits", () => {
  it("keeps a long section, many fields and many buttons within Block Kit", () => {
    const reply: Reply = {
      visibility: "channel",
      text: "x".repeat(50_000),
      sections: [
        {
          title: "Long",
          text: Array.from({ length: 400 }, (_, i) => `line ${i} ${"y".repeat(60)}`).join("\n"),
        },
        { fields: Array.from({ length: 23 }, (_, i) => ({ label: `f${i}`, value: "v".repeat(2500) })) },
      ],
      rows: Array.from({ length: 40 }, (_, i) => ({
        label: `row ${i}`,
        buttons: Array.from({ length: 30 }, (_, j) => ({
          label: `b${j}${"z".repeat(90)}`,
          actionId: `a:${i}:${j}`,
        })),
      })),
      buttons: [{ label: "Close", actionId: "close" }],
    };
    const rendered = renderBlocks(reply);
    expect(slackProblems(rendered)).toEqual([]);
    const last = rendered.blocks.at(-1) as { type: string; elements: { action_id: string }[] };
    expect(last.elements[0]?.action_id).toBe("close");
    expect(JSON.stringify(rendered.blocks)).toMatch(/… and \d+ more parts not shown here/);
  });

  it("keeps a modal with 150 choices within Block Kit", () => {
    const view = renderModal(
      {
        formId: "cap:x",
        title: "A title longer than Slack's twenty-four",
        submitLabel: "Send it now please, quickly",
        fields: [
          {
            id: "c",
            label: "Choose",
            kind: "choice",
            options: Array.from({ length: 150 }, (_, i) => ({ value: String(i), label: "o".repeat(120) })),
          },
        ],
      },
      { channelId: "C", state: "s".repeat(5000) },
    );
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit?.text.length).toBeLessThanOrEqual(24);
    expect(view.private_metadata?.length).toBeLessThanOrEqual(3000);
    const select = (view.blocks[0] as { element: { options: { text: { text: string } }[] } }).element;
    expect(select.options.length).toBeLessThanOrEqual(100);
    for (const o of select.options) expect(o.text.text.length).toBeLessThanOrEqual(75);
  });
});

describe("Teams posts a large poll as several messages, each its own card", () => {
  it("splits the two-view scorecard, and a vote on a later message redraws that message", async () => {
    const d = await teamsDriver();
    try {
      await d.command("fran", "/agenda start demo");
      await d.deliver();
      expect(await d.command("fran", "/agenda poll scorecard views production,pre-prod")).toContain(
        "on its way",
      );
      await d.deliver();
      const posted = d.posted().filter((a) => JSON.stringify(a).includes("Scorecard"));
      expect(posted.length).toBeGreaterThan(1);
      for (const a of posted) expect(activityBytes(a)).toBeLessThan(TEAMS_LIMIT_BYTES);
      expect(JSON.stringify(posted[1])).toContain("Scorecard: continued (message 2 of");
      // A vote on the pre-prod cards (a later message): that message is redrawn, not the whole poll.
      const answer = await d.click("sam", {
        message: "Apache Kafka OSS (self-managed) — pre-prod",
        row: "Cost (lower is better)",
        label: "L",
      });
      expect(answer).toContain("Cost for Apache Kafka OSS (self-managed) (pre-prod): L");
      const redrawn = d.updates().at(-1);
      expect(redrawn?.text).toContain("Scorecard: continued");
      expect(activityBytes(redrawn ?? {})).toBeLessThan(TEAMS_LIMIT_BYTES);
      expect(JSON.stringify(redrawn)).toContain("Apache Kafka OSS (self-managed) — pre-prod");
      expect(JSON.stringify(redrawn)).not.toContain("AWS MSK — production");
    } finally {
      await d.close();
    }
  });
});
