import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiClient } from "../../../bot/api-client.js";
import { createCore } from "../../../bot/core/core.js";
import { TimerRelay } from "../../../bot/core/relay.js";
import { createSlackApp, type SlackBot } from "../../../bot/slack/app.js";
import { CAPTURE_SHORTCUT } from "../../../bot/slack/listeners/shortcuts.js";
import { lineItems } from "../../../db/schema/line-items.js";
import { sessionFeedback } from "../../../db/schema/session-feedback.js";
import { votes } from "../../../db/schema/votes.js";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { silentLogger } from "../../helpers/bots.js";
import {
  buttonBody,
  commandBody,
  messageShortcutBody,
  type RecordedCall,
  type SlackRecorder,
  sendSigned,
  startSlackRecorder,
  viewSubmissionBody,
} from "../../helpers/slack.js";

const SECRET = "votes-signing-secret";
let t: TestApp;
let rec: SlackRecorder;
let slack: SlackBot;
let relay: TimerRelay;

beforeAll(async () => {
  t = await createTestApp();
  rec = await startSlackRecorder();
  const api = createApiClient({ token: await t.tokenFor("bot"), fetch: t.app.fetch });
  const core = createCore({ api, now: t.clock.now });
  // Cards are refreshed at most every 100 ms here (a second in production), so the test waits little.
  slack = createSlackApp(
    { botToken: "xoxb-test", signingSecret: SECRET, apiUrl: rec.apiUrl },
    core,
    silentLogger,
    {
      pollUpdateIntervalMs: 100,
    },
  );
  await slack.start();
  relay = new TimerRelay({ api, posters: { slack: slack.poster }, logger: silentLogger, now: t.clock.now });
  for (const [id, name] of [
    ["UFAC", "Fran"],
    ["USTAKE", "Sam"],
    ["UOTHER", "Olga"],
  ] as const)
    rec.people.set(id, name);
});
afterAll(async () => {
  await rec.close();
  await t.close();
});
beforeEach(() => {
  rec.calls.length = 0;
  t.clock.set(new Date().toISOString());
});

const send = (body: string) => sendSigned(slack, SECRET, body);

const responses = () => rec.of("response_url");
async function nextResponse(count: number) {
  await rec.waitFor((c) => c.filter((x) => x.method === "response_url").length >= count);
  return responses()[count - 1]?.body ?? {};
}

type Block = {
  type: string;
  text?: { text: string };
  elements?: { action_id: string; text: { text: string } }[];
};
const blocksOf = (call: RecordedCall | undefined) => (call?.body.blocks ?? []) as Block[];
const textOf = (call: RecordedCall | undefined) =>
  blocksOf(call)
    .map((b) => b.text?.text ?? "")
    .join("\n");

/** The action id of the button labelled `label` in the actions block after the section `row`. */
function buttonIn(call: RecordedCall | undefined, row: string, label: string): string {
  const blocks = blocksOf(call);
  const at = blocks.findIndex((b) => b.type === "section" && b.text?.text === row);
  const id = blocks[at + 1]?.elements?.find((e) => e.text.text === label)?.action_id;
  if (!id) throw new Error(`no ${label} under ${row}`);
  return id;
}
function controlIn(call: RecordedCall | undefined, label: string): string {
  const id = blocksOf(call)
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.text?.text === label)?.action_id;
  if (!id) throw new Error(`no ${label}`);
  return id;
}

/** A demo workshop running in `channel`, its start message posted; returns that message's ts. */
async function running(channel: string): Promise<string> {
  const before = responses().length;
  await send(
    commandBody({
      text: "start demo",
      channel_id: channel,
      response_url: rec.responseUrl(`${channel}-start`),
    }),
  );
  await nextResponse(before + 1);
  await relay.tick();
  const started = rec.of("chat.postMessage").find((c) => c.body.channel === channel && !c.body.thread_ts);
  return started?.ts ?? "";
}

describe("a scorecard in a Slack thread", () => {
  it("posts a card per option, takes votes from buttons, shows who has (not) voted, and stays blind until revealed", async () => {
    rec.members.set("C-vote", ["UFAC", "USTAKE", "UOTHER", "UBOT"]);
    const startTs = await running("C-vote");
    await send(
      commandBody({ text: "poll scorecard", channel_id: "C-vote", response_url: rec.responseUrl("launch") }),
    );
    await rec.waitFor((c) =>
      c.some((x) => x.method === "response_url" && String(x.body.text).includes("on its way")),
    );
    await relay.tick();

    const cards = rec.of("chat.postMessage").filter((c) => c.body.channel === "C-vote" && c.body.thread_ts);
    expect(cards).toHaveLength(6);
    expect(cards.every((c) => c.body.thread_ts === startTs)).toBe(true);
    const head = cards[0];
    expect(textOf(head)).toContain("📊 Scorecard: score each option Low / Medium / High on each factor.");
    expect(textOf(head)).toContain("No votes yet. Not yet: Fran, Sam, Olga.");
    const msk = cards.find((c) => blocksOf(c)[0]?.text?.text === "AWS MSK");
    expect(blocksOf(msk).filter((b) => b.type === "actions")).toHaveLength(7);
    expect(msk?.body.metadata).toMatchObject({
      event_type: "baton_poll_card",
      event_payload: { card: "o::aws-msk" },
    });

    // Sam votes M on AWS MSK's cost: an answer only Sam sees, one row in the database.
    const costM = buttonIn(msk, "Cost (lower is better)", "M");
    const before = responses().length;
    expect(
      (
        await send(
          buttonBody({
            actionId: costM,
            userId: "USTAKE",
            userName: "sam",
            channelId: "C-vote",
            responseUrl: rec.responseUrl("v1"),
          }),
        )
      ).status,
    ).toBe(200);
    const answer = await nextResponse(before + 1);
    expect(answer).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
      text: "Cost for AWS MSK: M — change it any time until the poll closes.",
    });
    const pollId = costM.split(":")[1] ?? "";
    expect(
      (await t.database.db.select().from(votes).where(eq(votes.pollId, pollId))).map((v) => [
        v.voter,
        v.value,
      ]),
    ).toEqual([["slack:USTAKE", 2]]);

    // The card is updated (coalesced): who voted and who has not, but no tallies.
    await rec.waitFor((c) => c.some((x) => x.method === "chat.update" && x.body.ts === msk?.ts));
    const updated = rec.of("chat.update").find((x) => x.body.ts === msk?.ts);
    expect(textOf(updated)).toContain("1 has voted: sam. Not yet: Fran, Olga.");
    for (const call of [...rec.of("chat.update"), ...rec.of("chat.postMessage")])
      expect(JSON.stringify(call.body)).not.toMatch(/score \d|🟨|🟥|🟩/);

    // A stakeholder's peek is refused, to them only.
    const peeked = responses().length;
    await send(
      buttonBody({
        actionId: controlIn(head, "Peek (facilitators)"),
        userId: "USTAKE",
        userName: "sam",
        channelId: "C-vote",
        responseUrl: rec.responseUrl("peek"),
      }),
    );
    expect(await nextResponse(peeked + 1)).toMatchObject({
      response_type: "ephemeral",
      text: ":warning: The results are hidden until a facilitator reveals them; the cards show who has voted.",
    });

    // The facilitator reveals: the cards become a heat map, and the thread hears about it.
    const revealed = responses().length;
    await send(
      buttonBody({
        actionId: controlIn(head, "Reveal results"),
        channelId: "C-vote",
        responseUrl: rec.responseUrl("reveal"),
      }),
    );
    expect((await nextResponse(revealed + 1)).text).toMatch(/^Revealed "Scorecard"/);
    await relay.tick();
    await rec.waitFor((c) =>
      c.some(
        (x) => x.method === "chat.update" && x.body.ts === msk?.ts && JSON.stringify(x.body).includes("🟨"),
      ),
    );
    const heat = rec
      .of("chat.update")
      .filter((x) => x.body.ts === msk?.ts)
      .at(-1);
    expect(textOf(heat)).toContain("🟨 *Cost*  L 0 · M 1 · H 0 · score 2.0");
    const note = rec
      .of("chat.postMessage")
      .find((c) => String(c.body.text).includes("the results are revealed"));
    expect(note?.body.thread_ts).toBe(head?.body.thread_ts);

    // Closed: the next vote is refused, politely, and not stored.
    const closing = responses().length;
    await send(
      buttonBody({
        actionId: controlIn(head, "Close poll"),
        channelId: "C-vote",
        responseUrl: rec.responseUrl("close"),
      }),
    );
    await nextResponse(closing + 1);
    const late = responses().length;
    await send(
      buttonBody({
        actionId: buttonIn(msk, "Cost (lower is better)", "H"),
        userId: "UOTHER",
        userName: "olga",
        channelId: "C-vote",
        responseUrl: rec.responseUrl("late"),
      }),
    );
    expect(String((await nextResponse(late + 1)).text)).toMatch(/^:warning: This poll closed at/);
    expect(await t.database.db.select().from(votes).where(eq(votes.pollId, pollId))).toHaveLength(1);
  });
});

describe("feedback through Slack", () => {
  it("asks in the thread when a session ends; 1–5 buttons and a comment modal record one answer per person", async () => {
    const startTs = await running("C-fb");
    const before = responses().length;
    await send(commandBody({ text: "next", channel_id: "C-fb", response_url: rec.responseUrl("fb-next") }));
    await nextResponse(before + 1);
    await relay.tick();
    const prompt = rec
      .of("chat.postMessage")
      .find((c) => c.body.channel === "C-fb" && String(c.body.text).startsWith("💬"));
    expect(prompt?.body.thread_ts).toBe(startTs);
    expect(prompt?.body.text).toMatch(/^💬 How useful was "Demo: introductions"\?/);

    const rated = responses().length;
    await send(
      buttonBody({
        actionId: controlIn(prompt, "4"),
        userId: "USTAKE",
        userName: "sam",
        channelId: "C-fb",
        responseUrl: rec.responseUrl("rate"),
      }),
    );
    expect((await nextResponse(rated + 1)).text).toBe(
      'Thanks — you rated "Demo: introductions" 4/5. Change it any time.',
    );

    await send(
      buttonBody({
        actionId: controlIn(prompt, "Add a comment"),
        userId: "USTAKE",
        userName: "sam",
        channelId: "C-fb",
        responseUrl: rec.responseUrl("comment"),
      }),
    );
    await rec.waitFor((c) => c.some((x) => x.method === "views.open"));
    const opened = (rec.of("views.open")[0]?.body ?? {}) as {
      trigger_id: string;
      view: { callback_id: string; private_metadata: string; blocks: { block_id?: string }[] };
    };
    expect(opened.trigger_id).toMatch(/^trig-/);
    expect(opened.view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual(["rating", "comment"]);

    // Neither rating nor comment: the modal stays open with the error next to the field.
    const empty = await send(
      viewSubmissionBody({
        callbackId: opened.view.callback_id,
        privateMetadata: opened.view.private_metadata,
        userId: "USTAKE",
        values: { rating: { selected: "" }, comment: { value: "" } },
      }),
    );
    expect(JSON.parse(empty.text)).toEqual({
      response_action: "errors",
      errors: { rating: "Give a rating, a comment, or both." },
    });

    const sent = await send(
      viewSubmissionBody({
        callbackId: opened.view.callback_id,
        privateMetadata: opened.view.private_metadata,
        userId: "USTAKE",
        values: { rating: { selected: "" }, comment: { value: "More live demos" } },
      }),
    );
    expect(sent).toEqual({ status: 200, text: "" });
    await rec.waitFor((c) => c.some((x) => x.method === "chat.postEphemeral"));
    expect(rec.of("chat.postEphemeral")[0]?.body).toMatchObject({ channel: "C-fb", user: "USTAKE" });
    const rows = await t.database.db
      .select()
      .from(sessionFeedback)
      .where(eq(sessionFeedback.person, "slack:USTAKE"));
    expect(rows.map((r) => [r.rating, r.comment])).toEqual([[4, "More live demos"]]);
  });

  it("/feedback with nothing after it opens the same modal", async () => {
    await running("C-fb2");
    await send(
      commandBody({
        command: "/feedback",
        text: "",
        channel_id: "C-fb2",
        user_id: "USTAKE",
        response_url: rec.responseUrl("fb2"),
      }),
    );
    await rec.waitFor((c) => c.some((x) => x.method === "views.open"));
    const view = (
      (rec.of("views.open")[0]?.body ?? {}) as { view: { callback_id: string; title: { text: string } } }
    ).view;
    expect(view.callback_id).toMatch(/^fb:/);
    expect(view.title.text).toBe("Session feedback");
  });
});

describe("line items through Slack", () => {
  it("/capture answers in the channel and stores the item in the running session", async () => {
    await running("C-cap");
    const before = responses().length;
    await send(
      commandBody({
        command: "/capture",
        text: "assumption We stay on AWS priority:high",
        channel_id: "C-cap",
        user_id: "USTAKE",
        user_name: "sam",
        response_url: rec.responseUrl("cap"),
      }),
    );
    expect(await nextResponse(before + 1)).toMatchObject({
      response_type: "in_channel",
      text: '📝 sam captured an assumption: "We stay on AWS" (high priority).',
    });
    const [row] = await t.database.db.select().from(lineItems).where(eq(lineItems.text, "We stay on AWS"));
    expect(row).toMatchObject({
      kind: "assumption",
      priority: "high",
      author: "slack:USTAKE",
      authorName: "sam",
    });
  });

  it("captures any message with the shortcut, keeping a link to it", async () => {
    await running("C-short");
    const shortcut = await send(
      messageShortcutBody({
        callbackId: CAPTURE_SHORTCUT,
        text: "We must keep 7 years of audit logs",
        messageTs: "1700000123.000200",
        channelId: "C-short",
        responseUrl: rec.responseUrl("sc"),
      }),
    );
    expect(shortcut.status).toBe(200);
    await rec.waitFor((c) => c.some((x) => x.method === "views.open"));
    const view = (
      (rec.of("views.open")[0]?.body ?? {}) as {
        view: {
          callback_id: string;
          private_metadata: string;
          blocks: { block_id?: string; element?: { initial_value?: string } }[];
        };
      }
    ).view;
    expect(view.blocks.find((b) => b.block_id === "text")?.element?.initial_value).toBe(
      "We must keep 7 years of audit logs",
    );
    const done = await send(
      viewSubmissionBody({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId: "USTAKE",
        values: {
          kind: { selected: "requirement" },
          text: { value: "We must keep 7 years of audit logs" },
          priority: { selected: "" },
          timeframe: { value: "" },
        },
      }),
    );
    expect(done).toEqual({ status: 200, text: "" });
    await rec.waitFor((c) =>
      c.some((x) => x.method === "chat.postMessage" && String(x.body.text).startsWith("📝")),
    );
    const [row] = await t.database.db
      .select()
      .from(lineItems)
      .where(eq(lineItems.text, "We must keep 7 years of audit logs"));
    expect(row?.source).toEqual({
      platform: "slack",
      channelId: "C-short",
      messageRef: "1700000123.000200",
      url: "https://acme.slack.com/archives/C-short/p1700000123000200",
      author: "slack:UOTHER",
    });
  });
});
