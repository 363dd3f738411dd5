import { type Activity, type ConversationReference, TestAdapter, TurnContext } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTRY } from "../../../bot/core/entries.js";
import { TimerRelay } from "../../../bot/core/relay.js";
import { BatonTeamsBot, commandText } from "../../../bot/teams/bot.js";
import { createTeamsPoster } from "../../../bot/teams/poster.js";
import { renderCard } from "../../../bot/teams/render.js";
import { conversationKey, RosterCache, type RosterMember } from "../../../bot/teams/roster.js";
import { ConversationThrottle } from "../../../bot/teams/throttle.js";
import { createTestBots, recordingPoster, silentLogger } from "../../helpers/bots.js";

let b: Awaited<ReturnType<typeof createTestBots>>;
beforeAll(async () => {
  b = await createTestBots();
  b.t.clock.set("2026-03-02T09:00:00Z");
});
afterAll(async () => {
  await b.t.close();
});

const FRAN = { id: "29:fran", name: "Fran Facilitator", aadObjectId: "aad-fran" };
const SAM = { id: "29:sam", name: "Sam Stakeholder", aadObjectId: "aad-sam" };

/**
 * botbuilder's TestAdapter, recording the messages the bot updates (a poll card redrawn) and running
 * proactive turns (the poster's) on itself, so what the poster sends lands in `activeQueue`.
 */
class TeamsTestAdapter extends TestAdapter {
  readonly updates: Partial<Activity>[] = [];

  override updateActivity(context: TurnContext, activity: Partial<Activity>) {
    this.updates.push(activity);
    return super.updateActivity(context, activity);
  }

  override async continueConversationAsync(
    _botAppId: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: unknown,
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = (typeof logicOrAudience === "function" ? logicOrAudience : maybeLogic) as (
      context: TurnContext,
    ) => Promise<void>;
    const activity = TurnContext.applyConversationReference(
      { type: "event", name: "ContinueConversation" },
      reference,
      true,
    );
    await logic(new TurnContext(this, activity));
  }
}

/** Each channel's members as Teams would list them (none unless a test says so); lookups counted. */
const rosters = new Map<string, RosterMember[]>();
const rosterLookups: string[] = [];
const rosterCache = new RosterCache({
  lookup: async (context) => {
    const key = conversationKey(context.activity.conversation?.id ?? "");
    rosterLookups.push(key);
    return rosters.get(key) ?? [];
  },
});

const adapters = new Map<string, TeamsTestAdapter>();

/**
 * A TestAdapter in a Teams channel conversation, running the real bot on the real API. One adapter per
 * conversation, as in Teams, so activity ids (the idempotency keys of commands) never repeat.
 */
function teamsChannel(conversationId: string) {
  const known = adapters.get(conversationId);
  if (known) return known;
  const bot = new BatonTeamsBot(b.core, (context) => TurnContext.getConversationReference(context.activity), {
    roster: rosterCache,
  });
  const adapter = new TeamsTestAdapter(async (context) => bot.run(context), {
    channelId: "msteams",
    serviceUrl: "https://smba.trafficmanager.net/emea/",
    conversation: { id: conversationId, isGroup: true, conversationType: "channel", name: "workshop" },
    recipient: { id: "28:baton", name: "Baton" },
  });
  // The default sender (the template would override a `from` given per activity).
  adapter.conversation.user = FRAN;
  adapters.set(conversationId, adapter);
  return adapter;
}

type Card = {
  body: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
  actions?: { type: string; title: string; verb: string; data: { actionId: string } }[];
};
const cardOf = (a: Partial<Activity>) => (a.attachments?.[0]?.content ?? { body: [] }) as Card;
const firstText = (a: Partial<Activity>) => cardOf(a).body[0]?.text;

describe("Teams commands through botbuilder's TestAdapter", () => {
  it("starts the agenda from '@Baton agenda start demo' and answers with an Adaptive Card", async () => {
    const adapter = teamsChannel("19:demo@thread.tacv2");
    await adapter
      .send({
        text: "<at>Baton</at> agenda start demo",
        entities: [{ type: "mention", text: "<at>Baton</at>", mentioned: { id: "28:baton", name: "Baton" } }],
      })
      .assertReply((a) => {
        expect(a.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
        expect(cardOf(a)).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
        expect(firstText(a)).toMatch(
          /^Started "Demo: introductions"\. This channel now follows "Demo \d\d:\d\d"; timers post here\.$/,
        );
      });
    // The channel is bound with the conversation reference for proactive timer messages.
    const bound = await b.api.getBinding({ platform: "teams", channelId: "19:demo@thread.tacv2" });
    expect(bound?.name).toMatch(/^Demo/);
  });

  it.each([
    ["agenda status", /^▶️ Demo: introductions: 2 min left$/],
    ["/agenda status", /^▶️ Demo: introductions: 2 min left$/],
    ["agenda extend 3", /^Extended "Demo: introductions" by 3 min\. It now ends at \d\d:\d\d\.$/],
    ["agenda pause", /^Paused "Demo: introductions"\. 5 min left when you resume\.$/],
    ["agenda resume", /^Resumed "Demo: introductions"\.$/],
    ["agenda skip", /^Skipped "Demo: the big decision"\. Next up: "Demo: wrap-up"\.$/],
    ["agenda next", /^Finished "Demo: introductions"; started "Demo: wrap-up"\.$/],
    // Back from the last item reopens the one before it, even though it was skipped.
    ["agenda back", /^Back to "Demo: the big decision", restarted with 2 min\.$/],
    ["agenda help", /^Baton runs the workshop from here:$/],
    ["agenda resume", /^⚠️ "Demo: the big decision" is not paused\.$/],
    ["agenda extend -5", /^⚠️ Extend by 1 to 240 minutes \(got -5\)/],
    [
      "hello",
      // Every registered command's help, in the registry's order.
      new RegExp(
        `^Hi! I run the workshop\\. Try ${REGISTRY.commands.map((c) => `${c.name} help`).join(", ")}\\.$`,
      ),
    ],
  ])("answers %j", async (text, expected) => {
    await teamsChannel("19:demo@thread.tacv2")
      .send(text)
      .assertReply((a) => {
        expect(firstText(a)).toMatch(expected);
      });
  });

  it("shows status as facts", async () => {
    await teamsChannel("19:demo@thread.tacv2")
      .send("agenda status")
      .assertReply((a) => {
        const facts = cardOf(a).body.find((x) => x.type === "FactSet")?.facts;
        expect(facts?.[0]).toEqual({
          title: "Now",
          value: expect.stringMatching(/^Demo: the big decision — (\d min|under a minute) left$/),
        });
      });
  });

  it("politely refuses a stakeholder", async () => {
    await teamsChannel("19:demo@thread.tacv2")
      .send({ text: "agenda next", from: SAM })
      .assertReply((a) => {
        expect(firstText(a)).toBe(
          "⚠️ Sorry Sam Stakeholder, only this workshop's facilitators can do that (Fran Facilitator); ask one of them to add you.",
        );
      });
  });

  it("answers an Action.Execute button with a message for the person who clicked", async () => {
    const adapter = teamsChannel("19:buttons@thread.tacv2");
    await adapter.send("agenda start demo").assertReply(() => undefined);
    await b.relay.tick();
    const agenda = await b.api.getAgenda(
      (await b.api.getBinding({ platform: "teams", channelId: "19:buttons@thread.tacv2" }))?.id ?? "",
    );
    const actionId = `agenda:next:${agenda.workshopId}:${agenda.currentItemId}`;
    const invoke = (from = FRAN): Partial<Activity> => ({
      type: "invoke",
      name: "adaptiveCard/action",
      from,
      value: { action: { type: "Action.Execute", verb: actionId, data: { actionId } }, trigger: "manual" },
    });
    await teamsChannel("19:buttons@thread.tacv2")
      .send(invoke(SAM))
      .assertReply((a) => {
        expect(a.type).toBe("invokeResponse");
        expect(a.value).toMatchObject({
          status: 200,
          body: {
            type: "application/vnd.microsoft.activity.message",
            value: expect.stringMatching(/^⚠️ .*only this workshop's facilitators/),
          },
        });
      });
    await teamsChannel("19:buttons@thread.tacv2")
      .send(invoke())
      .assertReply((a) => {
        expect(a.value).toMatchObject({
          status: 200,
          body: {
            statusCode: 200,
            type: "application/vnd.microsoft.activity.message",
            value: 'Finished "Demo: introductions"; started "Demo: the big decision".',
          },
        });
      });
    // The same button again: that session already ended.
    await teamsChannel("19:buttons@thread.tacv2")
      .send(invoke())
      .assertReply((a) => {
        expect((a.value as { body: { value: string } }).body.value).toContain("is no longer the current one");
      });
  });

  it("builds the plan with 'plan add' and 'plan show'", async () => {
    await teamsChannel("19:demo@thread.tacv2")
      .send('plan add design "Design" 3d')
      .assertReply((a) =>
        expect(firstText(a)).toMatch(/^Fran Facilitator added design \(2026-03-02 → 2026-03-04\)/),
      )
      .send("plan show")
      .assertReply((a) => expect(firstText(a)).toBe("Plan: 2026-03-02 → 2026-03-04"));
  });
});

describe("commandText", () => {
  it.each([
    ["<at>Baton</at> agenda next", "agenda next"],
    ["<at>Baton</at>&nbsp;agenda status", "agenda status"],
    ["/agenda next", "/agenda next"],
  ])("%j → %j", (text, expected) => {
    expect(commandText({ text, recipient: { id: "28:baton", name: "Baton" }, entities: [] })).toBe(expected);
  });
});

describe("votes and feedback in Teams", () => {
  it("launches the scorecard, takes a stakeholder's vote by Action.Execute, and reveals for the facilitator", async () => {
    const channel = "19:votes@thread.tacv2";
    const adapter = teamsChannel(channel);
    const recorder = recordingPoster();
    const relay = new TimerRelay({
      api: b.api,
      posters: { teams: recorder.poster },
      logger: silentLogger,
      now: b.t.clock.now,
    });
    await adapter.send("agenda start demo").assertReply(() => undefined);
    await relay.tick();
    await adapter.send("agenda poll scorecard").assertReply((a) => expect(firstText(a)).not.toMatch(/^⚠️/));
    await relay.tick();
    const pollPost = recorder.posts.find((p) => p.event.kind === "poll");
    expect(pollPost).toBeDefined();
    const card = renderCard(pollPost?.message ?? { visibility: "channel", text: "" });
    // Each factor of each option is a row: its label beside an action set of L / M / H.
    const firstRow = card.body.find((x) => x.type === "ColumnSet") as {
      columns: {
        items: { type: string; actions?: { title: string; verb: string; data: { actionId: string } }[] }[];
      }[];
    };
    const buttons = firstRow.columns[1]?.items[0]?.actions ?? [];
    expect(buttons.map((x) => x.title)).toEqual(["L", "M", "H"]);
    const vote = buttons[1]?.data.actionId ?? "";
    const invoke = (actionId: string, from = SAM): Partial<Activity> => ({
      type: "invoke",
      name: "adaptiveCard/action",
      from,
      replyToId: "poll-card-1",
      value: { action: { type: "Action.Execute", verb: actionId, data: { actionId } }, trigger: "manual" },
    });
    await adapter.send(invoke(vote)).assertReply((a) => {
      expect(a.value).toMatchObject({
        status: 200,
        body: { type: "application/vnd.microsoft.activity.message" },
      });
      expect((a.value as { body: { value: string } }).body.value).toMatch(
        /: M — change it any time until the poll closes\.$/,
      );
    });
    const reveal = pollPost?.message.buttons?.find((x) => /reveal/i.test(x.label))?.actionId ?? "";
    expect(reveal).not.toBe("");
    await adapter.send(invoke(reveal, SAM)).assertReply((a) => {
      expect((a.value as { body: { value: string } }).body.value).toContain(
        "only this workshop's facilitators",
      );
    });
    await adapter.send(invoke(reveal, FRAN)).assertReply((a) => {
      expect((a.value as { body: { value: string } }).body.value).not.toMatch(/^⚠️/);
    });
    const polls = await b.t.request("GET", `/v1/polls/${pollPost?.event.poll?.id}`);
    expect(polls.json.revealedAt ?? polls.json.revealed).toBeTruthy();
  });

  it("opens the feedback form as an Adaptive Card and records what is submitted", async () => {
    const adapter = teamsChannel("19:votes@thread.tacv2");
    let form: { id: string; type: string; choices?: { value: string }[] }[] = [];
    let submit: { verb: string; data: Record<string, string> } | undefined;
    await adapter.send({ text: "feedback", from: SAM }).assertReply((a) => {
      const card = cardOf(a) as unknown as {
        body: { id: string; type: string; choices?: { value: string }[] }[];
        actions: { verb: string; data: Record<string, string> }[];
      };
      form = card.body.filter((x) => x.type.startsWith("Input."));
      submit = card.actions.find((x) => x.verb === "baton:form");
    });
    expect(form.length).toBeGreaterThan(0);
    expect(submit).toBeDefined();
    const values: Record<string, string> = {};
    for (const input of form) {
      values[input.id] =
        input.id === "rating"
          ? "4"
          : input.type === "Input.ChoiceSet"
            ? (input.choices?.[0]?.value ?? "")
            : "Useful, thank you";
    }
    await adapter
      .send({
        type: "invoke",
        name: "adaptiveCard/action",
        from: SAM,
        value: {
          action: { type: "Action.Execute", verb: "baton:form", data: { ...submit?.data, ...values } },
          trigger: "manual",
        },
      })
      .assertReply((a) => {
        expect((a.value as { body: { value: string } }).body.value).not.toMatch(/^⚠️/);
      });
    const w = await b.api.getBinding({ platform: "teams", channelId: "19:votes@thread.tacv2" });
    const summary = await b.t.request("GET", `/v1/workshops/${w?.id}/feedback`);
    expect(JSON.stringify(summary.json)).toContain("Useful, thank you");
  });
});

describe("line items from Teams", () => {
  it("captures from 'capture <kind> <text>' and from the capture form, into the running session", async () => {
    const adapter = teamsChannel("19:capture@thread.tacv2");
    await adapter.send("agenda start demo").assertReply(() => undefined);
    await adapter.send({ text: "capture risk Broker quotas may bite", from: SAM }).assertReply((a) => {
      expect(firstText(a)).toBe('📝 Sam Stakeholder captured a risk: "Broker quotas may bite".');
    });
    let form: { id: string; type: string; choices?: { value: string }[] }[] = [];
    let submit: { verb: string; data: Record<string, string> } | undefined;
    await adapter.send({ text: "capture", from: SAM }).assertReply((a) => {
      const card = cardOf(a) as unknown as {
        body: { id: string; type: string; choices?: { value: string }[] }[];
        actions: { verb: string; data: Record<string, string> }[];
      };
      form = card.body.filter((x) => x.type.startsWith("Input."));
      submit = card.actions.find((x) => x.verb === "baton:form");
    });
    expect(form.map((f) => f.id)).toEqual(expect.arrayContaining(["kind", "text"]));
    await adapter
      .send({
        type: "invoke",
        name: "adaptiveCard/action",
        from: SAM,
        value: {
          action: {
            type: "Action.Execute",
            verb: "baton:form",
            data: { ...submit?.data, kind: "decision", text: "Start with Confluent Cloud" },
          },
          trigger: "manual",
        },
      })
      .assertReply((a) => {
        expect((a.value as { body: { value: string } }).body.value).toMatch(
          /^📝 .*decision.*Confluent Cloud/,
        );
      });
    const w = await b.api.getBinding({ platform: "teams", channelId: "19:capture@thread.tacv2" });
    const agenda = await b.api.getAgenda(w?.id ?? "");
    const items = await b.t.request("GET", `/v1/workshops/${w?.id}/items`);
    expect(
      items.json.items.map((i: { kind: string; text: string; sessionId: string }) => [
        i.kind,
        i.text,
        i.sessionId,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ["risk", "Broker quotas may bite", agenda.currentItemId],
        ["decision", "Start with Confluent Cloud", agenda.currentItemId],
      ]),
    );
    expect(items.json.items).toHaveLength(2);
  });
});

/** `n` members with MRIs 29:m1…, the first two being Fran and Sam. */
function members(n: number): RosterMember[] {
  return Array.from({ length: n }, (_, i) =>
    i === 0 ? FRAN : i === 1 ? SAM : { id: `29:m${i}`, name: `Member ${i}`, aadObjectId: `aad-m${i}` },
  );
}

type RefreshCard = Card & {
  refresh?: { action: { type: string; verb: string; data: { actionId: string } }; userIds: string[] };
};
type PollRow = { columns: { items: { text?: string; actions?: { title: string; verb: string }[] }[] }[] };
/** The L / M / H titles of the card's row for `label` ("AWS MSK · Cost (lower is better)"). */
function rowTitles(card: RefreshCard, label: string): string[] | undefined {
  const row = (card.body as unknown as ({ type: string } & PollRow)[]).find(
    (x) => x.type === "ColumnSet" && x.columns[0]?.items[0]?.text === label,
  );
  return row?.columns[1]?.items[0]?.actions?.map((a) => a.title);
}
const COST = "AWS MSK · Cost (lower is better)";

describe("per-user poll cards in Teams (card refresh)", () => {
  /**
   * A channel of `size` members with a running demo and a scorecard posted by the Teams poster (onto a
   * proactive TestAdapter), sharing the bot's roster cache.
   */
  async function pollChannel(channel: string, size: number) {
    rosters.set(channel, members(size));
    const adapter = teamsChannel(channel);
    const posted = new TeamsTestAdapter(async () => undefined);
    const poster = createTeamsPoster(
      posted,
      "",
      new ConversationThrottle({ sleep: async () => {} }),
      rosterCache,
    );
    const relay = new TimerRelay({
      api: b.api,
      posters: { teams: poster },
      logger: silentLogger,
      now: b.t.clock.now,
    });
    await adapter.send("agenda start demo").assertReply(() => undefined);
    await relay.tick();
    await adapter.send("agenda poll scorecard").assertReply((a) => expect(firstText(a)).not.toMatch(/^⚠️/));
    await relay.tick();
    const post = posted.activeQueue.find((a) =>
      String(cardOf(a).body[0]?.text ?? "").startsWith("📊 Scorecard"),
    );
    expect(post).toBeDefined();
    const card = cardOf(post ?? {}) as RefreshCard;
    const workshop = await b.api.getBinding({ platform: "teams", channelId: channel });
    const polls = await b.t.request("GET", `/v1/workshops/${workshop?.id}/polls`);
    const pollId: string = polls.json.polls[0]?.id ?? "";
    return { adapter, card, pollId, postId: post?.id ?? "" };
  }

  const invoke = (
    verb: string,
    from: typeof FRAN,
    replyToId: string,
    trigger = "manual",
  ): Partial<Activity> => ({
    type: "invoke",
    name: "adaptiveCard/action",
    from,
    replyToId,
    value: { action: { type: "Action.Execute", verb, data: { actionId: verb } }, trigger },
  });
  const answer = (a: Partial<Activity>) =>
    (a.value as { status: number; body: { statusCode: number; type: string; value: unknown } }).body;

  it("posts the poll card with a refresh for every member's MRI when the channel has at most 60", async () => {
    const { card, pollId } = await pollChannel("19:refresh60@thread.tacv2", 60);
    expect(pollId).not.toBe("");
    expect(card.refresh).toEqual({
      action: {
        type: "Action.Execute",
        title: "Refresh",
        verb: `poll:view:${pollId}`,
        data: { actionId: `poll:view:${pollId}` },
      },
      userIds: members(60).map((m) => m.id),
    });
    expect(card.refresh?.userIds.slice(0, 2)).toEqual(["29:fran", "29:sam"]);
  });

  it("posts the shared card alone, with no refresh, when the channel has 61 members; a vote answers with a message", async () => {
    const { adapter, card, postId } = await pollChannel("19:refresh61@thread.tacv2", 61);
    expect(card.refresh).toBeUndefined();
    const m = rowTitles(card, COST);
    expect(m).toEqual(["L", "M", "H"]);
    const vote = JSON.stringify(card).match(/vote:[^"]*:aws-msk:cost::M/)?.[0] ?? "";
    await adapter.send(invoke(vote, SAM, postId)).assertReply((a) => {
      expect(answer(a)).toMatchObject({
        type: "application/vnd.microsoft.activity.message",
        value: expect.stringMatching(/: M — change it any time/),
      });
    });
    const redrawn = cardOf(adapter.updates.at(-1) ?? {}) as RefreshCard;
    expect(redrawn.body[0]?.text).toMatch(/^📊 Scorecard/);
    expect(redrawn.refresh).toBeUndefined();
  });

  it("answers a vote with the voter's own card, redraws the shared card with its refresh, and reads the roster once", async () => {
    const channel = "19:refreshvote@thread.tacv2";
    const { adapter, card, postId } = await pollChannel(channel, 3);
    const lookupsAfterPost = rosterLookups.filter((k) => k === channel).length;
    expect(lookupsAfterPost).toBe(1);
    const vote = JSON.stringify(card).match(/vote:[^"]*:aws-msk:cost::M/)?.[0] ?? "";
    expect(vote).not.toBe("");
    await adapter.send(invoke(vote, SAM, postId)).assertReply((a) => {
      const body = answer(a);
      expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
      const mine = body.value as RefreshCard;
      expect(rowTitles(mine, COST)).toEqual(["L", "✓ M", "H"]);
      expect(JSON.stringify(mine)).toContain("Only you see this view: ✓ marks your vote.");
      expect(mine.refresh?.userIds).toEqual(["29:fran", "29:sam", "29:m2"]);
    });
    // Everyone else's card: the shared one, redrawn in place, with its refresh kept.
    const shared = adapter.updates.at(-1);
    expect(shared?.id).toBe(postId);
    const redrawn = cardOf(shared ?? {}) as RefreshCard;
    expect(rowTitles(redrawn, COST)).toEqual(["L", "M", "H"]);
    expect(redrawn.refresh?.userIds).toEqual(["29:fran", "29:sam", "29:m2"]);
    // The vote used the cached roster.
    expect(rosterLookups.filter((k) => k === channel).length).toBe(lookupsAfterPost);
  });

  it("answers the automatic refresh with the person's card: their vote marked, tallies and controls only for a facilitator", async () => {
    const { adapter, card, pollId, postId } = await pollChannel("19:refreshblind@thread.tacv2", 2);
    const vote = JSON.stringify(card).match(/vote:[^"]*:aws-msk:cost::H/)?.[0] ?? "";
    await adapter.send(invoke(vote, SAM, postId)).assertReply(() => undefined);
    const refresh = card.refresh?.action.verb ?? "";
    expect(refresh).toBe(`poll:view:${pollId}`);

    let sam: RefreshCard = { body: [] };
    await adapter.send(invoke(refresh, SAM, postId, "automatic")).assertReply((a) => {
      expect(answer(a)).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
      sam = answer(a).value as RefreshCard;
    });
    expect(rowTitles(sam, COST)).toEqual(["L", "M", "✓ H"]);
    expect(sam.body.some((x) => x.type === "Table")).toBe(false);
    expect(sam.actions ?? []).toEqual([]);
    expect(sam.refresh?.userIds).toEqual(["29:fran", "29:sam"]);

    let fran: RefreshCard = { body: [] };
    await adapter.send(invoke(refresh, FRAN, postId, "automatic")).assertReply((a) => {
      fran = answer(a).value as RefreshCard;
    });
    // Fran has not voted; as a facilitator she sees the blind tallies (Sam's H) and Reveal / Close.
    expect(rowTitles(fran, COST)).toEqual(["L", "M", "H"]);
    expect(fran.body.some((x) => x.type === "Table")).toBe(true);
    expect(JSON.stringify(fran)).toContain("As a facilitator you see the results so far");
    expect(fran.actions?.map((x) => x.title)).toEqual(["Reveal results", "Close poll"]);
    // The shared card, as the room sees it, still shows no tallies.
    expect(card.body.some((x) => x.type === "Table")).toBe(false);
  });
});

describe("a tampered card", () => {
  it("cannot act on a workshop the conversation does not follow (Action.Execute data is the client's)", async () => {
    const mine = teamsChannel("19:mine@thread.tacv2");
    const theirs = teamsChannel("19:theirs@thread.tacv2");
    const start = { text: "agenda start demo" };
    await theirs.send(start).assertReply(() => {});
    await mine.send(start).assertReply(() => {});
    const other = await b.api.getBinding({ platform: "teams", channelId: "19:theirs@thread.tacv2" });
    const agenda = await b.api.getAgenda(other?.id ?? "");
    const verb = `agenda:next:${agenda.workshopId}:${agenda.currentItemId}`;
    const forged = (data: Record<string, string>) => ({
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
    });
    // The button, and a form naming that workshop: both refused in the conversation that follows another.
    await mine.send(forged({ actionId: verb })).assertReply((a) => {
      const body = (a.value as { body?: { value?: unknown } }).body;
      expect(String(body?.value)).toMatch(/^⚠️ This card belongs to a workshop this channel does not follow/);
    });
    await mine
      .send(forged({ formId: `cap:${agenda.workshopId}`, kind: "risk", text: "Injected" }))
      .assertReply((a) => {
        const body = (a.value as { body?: { value?: unknown } }).body;
        expect(String(body?.value)).toMatch(/^⚠️ This card belongs to a workshop/);
      });
    const after = await b.api.getAgenda(agenda.workshopId);
    expect(after.currentItemId).toBe(agenda.currentItemId);
    // In its own conversation the same button works.
    await theirs.send(forged({ actionId: verb })).assertReply((a) => {
      const body = (a.value as { body?: { value?: unknown } }).body;
      expect(String(body?.value)).toMatch(/^Finished "Demo: introductions"/);
    });
  });
});
