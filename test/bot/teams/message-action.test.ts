import { type Activity, TestAdapter } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatonTeamsBot, CAPTURE_MESSAGE_ACTION, messageText } from "../../../bot/teams/bot.js";
import { createTestBots } from "../../helpers/bots.js";

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
const CHANNEL = "19:capture@thread.tacv2";
const LINK = "https://teams.microsoft.com/l/message/19:capture@thread.tacv2/1700000000000";

/** botbuilder's TestAdapter in a Teams channel, running the real bot on the real API. */
function teamsChannel() {
  const bot = new BatonTeamsBot(b.core, (context) => ({
    channelId: "msteams",
    serviceUrl: "https://smba.trafficmanager.net/emea/",
    conversation: context.activity.conversation,
  }));
  const adapter = new TestAdapter(async (context) => bot.run(context), {
    channelId: "msteams",
    serviceUrl: "https://smba.trafficmanager.net/emea/",
    conversation: { id: CHANNEL, isGroup: true, conversationType: "channel", name: "workshop" },
    recipient: { id: "28:baton", name: "Baton" },
  });
  adapter.conversation.user = FRAN;
  return adapter;
}

/** The workshop's line items as the API lists them (admin). */
async function items(workshopId: string): Promise<Record<string, unknown>[]> {
  const res = await b.t.request("GET", `/v1/workshops/${workshopId}/items`);
  expect(res.status).toBe(200);
  return (res.json.items ?? res.json) as Record<string, unknown>[];
}

const fetchTask = (from = SAM): Partial<Activity> => ({
  type: "invoke",
  name: "composeExtension/fetchTask",
  from,
  conversation: {
    id: `${CHANNEL};messageid=1700000000000`,
    isGroup: true,
    conversationType: "channel",
    name: "workshop",
  },
  value: {
    commandId: CAPTURE_MESSAGE_ACTION,
    commandContext: "message",
    messagePayload: {
      id: "1700000000000",
      linkToMessage: LINK,
      from: { user: { id: "aad-olga", displayName: "Olga Ops" } },
      body: { contentType: "html", content: "<p>We stay on AWS &amp; EKS</p><p>until <b>2027</b></p>" },
    },
  },
});

type TaskCard = {
  body: { type: string; id?: string; value?: string }[];
  actions: { type: string; data: Record<string, string> }[];
};

describe("Teams message action: Capture as line item", () => {
  it("reads a Teams message's HTML as plain text", () => {
    expect(messageText("<p>a &lt;b&gt;</p><p>c<br>d</p>", "html")).toBe("a <b>\nc\nd");
    expect(messageText("  plain  ", "text")).toBe("plain");
  });

  it("refuses outside a workshop's channel, saying what to do", async () => {
    const adapter = teamsChannel();
    await adapter.send(fetchTask()).assertReply((a) => {
      expect(a.type).toBe("invokeResponse");
      expect(a.value.body).toMatchObject({
        task: { type: "message", value: expect.stringMatching(/agenda start/) },
      });
    });
  });

  it("opens the capture form with the message's text and captures it with a link to the message", async () => {
    const adapter = teamsChannel();
    await adapter.send("agenda start demo").assertReply(() => undefined);
    const workshopId = (await b.api.getBinding({ platform: "teams", channelId: CHANNEL }))?.id ?? "";
    expect(workshopId).not.toBe("");

    let card: TaskCard | undefined;
    await adapter.send(fetchTask()).assertReply((a) => {
      expect(a.type).toBe("invokeResponse");
      const task = a.value.body.task;
      expect(task.type).toBe("continue");
      expect(task.value.title).toBeTruthy();
      card = task.value.card.content as TaskCard;
    });
    const text = card?.body.find((e) => e.id === "text");
    expect(text?.value).toBe("We stay on AWS & EKS\nuntil 2027");
    // Task modules submit with Action.Submit (no Universal Actions there), carrying the form's id.
    const submit = card?.actions.find((a) => a.type === "Action.Submit");
    expect(submit?.data.formId).toMatch(/^cap:/);
    expect(card?.actions.some((a) => a.type === "Action.Execute")).toBe(false);

    // A bad submission closes with the field named, and stores nothing.
    await adapter
      .send({
        type: "invoke",
        name: "composeExtension/submitAction",
        from: SAM,
        value: {
          commandId: CAPTURE_MESSAGE_ACTION,
          data: { ...submit?.data, kind: "assumption", text: " " },
        },
      })
      .assertReply((a) => {
        expect(a.value.body).toMatchObject({
          task: { type: "message", value: expect.stringMatching(/^⚠️ text/) },
        });
      });
    expect(await items(workshopId)).toEqual([]);

    await adapter
      .send({
        type: "invoke",
        name: "composeExtension/submitAction",
        from: SAM,
        value: {
          commandId: CAPTURE_MESSAGE_ACTION,
          data: {
            ...submit?.data,
            kind: "assumption",
            text: "We stay on AWS & EKS until 2027",
            priority: "high",
          },
        },
      })
      .assertReply((a) => {
        // The room hears of it in the message's thread …
        expect(a.type).toBe("message");
        expect(a.text).toBe(
          '📝 Sam Stakeholder captured an assumption from a message: "We stay on AWS & EKS until 2027" (high priority).',
        );
      })
      .assertReply((a) => {
        // … and the task module closes.
        expect(a.type).toBe("invokeResponse");
        expect(a.value.body).toEqual({});
      });
    const stored = await items(workshopId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      kind: "assumption",
      text: "We stay on AWS & EKS until 2027",
      priority: "high",
    });
    expect(JSON.stringify(stored[0])).toContain(LINK);
  });
});
