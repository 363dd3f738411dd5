import { PassThrough } from "node:stream";
import { type Activity, TestAdapter } from "botbuilder";
import { createApiClient } from "../../bot/api-client.js";
import { startConsoleSession } from "../../bot/console/session.js";
import { createCore } from "../../bot/core/core.js";
import { REGISTRY } from "../../bot/core/entries.js";
import type { Registry } from "../../bot/core/registry.js";
import { type Poster, TimerRelay } from "../../bot/core/relay.js";
import { createSlackApp } from "../../bot/slack/app.js";
import { createTeamsBot } from "../../bot/teams/app.js";
import { createTestApp, type TestApp } from "./app.js";
import { rsaKeys, startBotFramework } from "./bot-framework.js";
import { silentLogger } from "./bots.js";
import {
  buttonBody,
  commandBody,
  type RecordedCall,
  sendSigned,
  startSlackRecorder,
  viewSubmissionBody,
} from "./slack.js";

/**
 * One facilitation scenario, three chats: each driver below puts the same steps through one transport
 * (the real Bolt app, the real Teams bot, the terminal session) on its own real API and database, and
 * finds buttons in what that transport rendered — never by building action ids.
 */

/** The people of the scenario: a facilitator and two stakeholders. */
export type Person = "fran" | "sam" | "olga";

const PEOPLE: Record<Person, { name: string; slack: string; teams: string }> = {
  fran: { name: "Fran Facilitator", slack: "UFAC", teams: "aad-fran" },
  sam: { name: "Sam Stakeholder", slack: "USTAKE", teams: "aad-sam" },
  olga: { name: "Olga Other", slack: "UOTHER", teams: "aad-olga" },
};

/**
 * A button as a person sees it: on the latest message whose text contains `message`, in the row
 * labelled `row` (a factor's L / M / H, "Rate it"), with the label `label`.
 */
export interface ButtonLocator {
  message: string;
  row?: string;
  label: string;
}

export type TransportName = "slack" | "teams" | "console";

/** One field of a form as a person fills it in. `choice`: pick the option with this value. */
export interface FormAnswer {
  id: string;
  label: string;
  value: string;
  choice?: boolean;
}

/** The registry with every entry recording, in `reached`, that a transport got it there. */
function recording(reached: Set<string>): Registry {
  return {
    commands: REGISTRY.commands,
    actions: REGISTRY.actions.map((a) => ({
      ...a,
      run: (ctx, decoded, core) => {
        reached.add(`action:${a.prefix}`);
        return a.run(ctx, decoded, core);
      },
    })),
    forms: REGISTRY.forms.map((f) => ({
      ...f,
      submit: (ctx, s, core) => {
        reached.add(`form:${f.prefix}`);
        return f.submit(ctx, s, core);
      },
    })),
  };
}

export interface TransportDriver {
  readonly name: TransportName;
  /** The API, database and fake clock this transport runs on. */
  readonly t: TestApp;
  /** How the database names each person ("slack:UFAC"), to normalise snapshots. */
  readonly ids: Record<Person, string>;
  /** A command as the person would type it (`/agenda next`); resolves to the answer's text. */
  command(who: Person, line: string): Promise<string>;
  /** Presses a button the transport showed the person; resolves to the answer's text. */
  click(who: Person, button: ButtonLocator): Promise<string>;
  /** Rates a session that ended and comments on it, the way this transport offers. */
  submitFeedback(who: Person, session: string, rating: number, comment: string): Promise<string>;
  /**
   * Opens a form (a command typed with nothing after it, or a button), fills in the fields named
   * (by id for Slack and Teams, by the start of their label in the terminal; others keep their
   * default) and sends it; resolves to the answer's text.
   */
  submitForm(
    who: Person,
    opener: { command: string } | { button: ButtonLocator },
    answers: FormAnswer[],
  ): Promise<string>;
  /** Which registry entries ran (`action:vote`, `form:cap`), however the transport reached them. */
  readonly reached: Set<string>;
  /** One relay round: the timer messages due now are posted to the channel. */
  deliver(): Promise<number>;
  close(): Promise<void>;
}

/** The real API on a real database, the core on it, as every driver starts. */
async function base() {
  const t = await createTestApp();
  const api = createApiClient({ token: await t.tokenFor("bot"), fetch: t.app.fetch });
  const reached = new Set<string>();
  const core = createCore({ api, now: t.clock.now, defaultTimezone: "UTC", registry: recording(reached) });
  const relay = (posters: Record<string, Poster>) =>
    new TimerRelay({ api, posters, logger: silentLogger, now: t.clock.now });
  return { t, api, core, relay, reached };
}

async function until(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

// ---------------------------------------------------------------------------------------------- Slack

type SlackBlock = {
  type: string;
  text?: { text: string };
  elements?: { action_id?: string; text?: { text: string } }[];
};

/** Signed slash commands and block_actions through the real Bolt app (FetchReceiver) and a recording Slack. */
export async function slackDriver(): Promise<TransportDriver> {
  const SECRET = "scenario-signing-secret";
  const CHANNEL = "C-scenario";
  const { t, core, relay, reached } = await base();
  const rec = await startSlackRecorder();
  const slack = createSlackApp(
    { botToken: "xoxb-test", signingSecret: SECRET, apiUrl: rec.apiUrl },
    core,
    silentLogger,
    {
      pollUpdateIntervalMs: 0,
    },
  );
  await slack.start();
  const relayer = relay({ slack: slack.poster });
  for (const p of Object.values(PEOPLE)) rec.people.set(p.slack, p.name);
  let seq = 0;

  const send = (body: string) => sendSigned(slack, SECRET, body);

  /** Sends a request answered on a response URL (after the ack) and resolves to that answer's text. */
  async function answered(build: (responseUrl: string) => string): Promise<string> {
    const id = `s${++seq}`;
    const before = rec.of("response_url").length;
    const res = await send(build(rec.responseUrl(id)));
    if (res.status !== 200) throw new Error(`slack answered ${res.status}: ${res.text}`);
    await rec.answeredOn(id);
    return String(rec.of("response_url")[before]?.body.text ?? "");
  }

  const blocksOf = (call: RecordedCall) => (call.body.blocks ?? []) as SlackBlock[];

  /** The latest message posted to the channel that contains the text, and the button's action id on it. */
  function find(button: ButtonLocator): { actionId: string; ts: string } {
    // Posted to the channel, or a command's answer for the channel on its response URL (the DORA card).
    const posted = rec.calls.filter(
      (c) =>
        (c.method === "chat.postMessage" && c.body.channel === CHANNEL) ||
        (c.method === "response_url" && c.body.response_type === "in_channel"),
    );
    const message = posted.reverse().find((c) => String(c.body.text).includes(button.message));
    if (!message) throw new Error(`slack: no message with "${button.message}"`);
    const blocks = blocksOf(message);
    const candidates = button.row
      ? blocks.filter(
          (_b, i) => blocks[i - 1]?.type === "section" && blocks[i - 1]?.text?.text === button.row,
        )
      : blocks;
    const actionId = candidates
      .filter((b) => b.type === "actions")
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.text?.text === button.label)?.action_id;
    if (!actionId)
      throw new Error(`slack: no "${button.label}" in ${button.row ?? "the message"} of "${button.message}"`);
    return { actionId, ts: message.ts ?? "" };
  }

  function clickBody(who: Person, button: ButtonLocator, responseUrl: string): string {
    const { actionId, ts } = find(button);
    return buttonBody({
      actionId,
      userId: PEOPLE[who].slack,
      userName: who,
      channelId: CHANNEL,
      responseUrl,
      messageTs: ts,
      actionTs: `${1700000000 + ++seq}.000100`,
    });
  }

  const click = (who: Person, button: ButtonLocator) =>
    answered((responseUrl) => clickBody(who, button, responseUrl));

  return {
    name: "slack",
    t,
    ids: { fran: "slack:UFAC", sam: "slack:USTAKE", olga: "slack:UOTHER" },
    command(who, line) {
      const [command = "", ...rest] = line.split(" ");
      return answered((responseUrl) =>
        commandBody({
          command,
          text: rest.join(" "),
          channel_id: CHANNEL,
          user_id: PEOPLE[who].slack,
          user_name: who,
          response_url: responseUrl,
        }),
      );
    },
    click,
    async submitFeedback(who, session, rating, comment) {
      const prompt = `How useful was "${session}"`;
      await click(who, { message: prompt, row: "Rate it", label: String(rating) });
      // "Add a comment" opens a modal with the click's trigger id; its submission is the answer.
      const opened = rec.of("views.open").length;
      const res = await send(
        clickBody(who, { message: prompt, label: "Add a comment" }, rec.responseUrl(`s${++seq}`)),
      );
      if (res.status !== 200) throw new Error(`slack answered ${res.status}`);
      await until("the feedback modal", () => rec.of("views.open").length > opened);
      const { view } = (rec.of("views.open")[opened]?.body ?? {}) as {
        view: { callback_id: string; private_metadata: string; blocks: { block_id?: string }[] };
      };
      const fields = view.blocks.map((b) => b.block_id);
      if (!fields.includes("rating") || !fields.includes("comment"))
        throw new Error(`slack: the feedback modal has no rating and comment (${fields.join(", ")})`);
      const confirmations = rec.of("chat.postEphemeral").length;
      const sent = await send(
        viewSubmissionBody({
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          userId: PEOPLE[who].slack,
          values: { rating: { selected: String(rating) }, comment: { value: comment } },
        }),
      );
      if (sent.text) return sent.text; // the modal stayed open with errors
      await until("the feedback confirmation", () => rec.of("chat.postEphemeral").length > confirmations);
      return String(rec.of("chat.postEphemeral")[confirmations]?.body.text ?? "");
    },
    reached,
    async submitForm(who, opener, answers) {
      const opened = rec.of("views.open").length;
      if ("command" in opener) {
        const [command = "", ...rest] = opener.command.split(" ");
        const body = commandBody({
          command,
          text: rest.join(" "),
          channel_id: CHANNEL,
          user_id: PEOPLE[who].slack,
          user_name: who,
          response_url: rec.responseUrl(`s${++seq}`),
        });
        if ((await send(body)).status !== 200) throw new Error("slack refused the command");
      } else {
        const res = await send(clickBody(who, opener.button, rec.responseUrl(`s${++seq}`)));
        if (res.status !== 200) throw new Error(`slack answered ${res.status}`);
      }
      await until("the modal", () => rec.of("views.open").length > opened);
      const { view } = (rec.of("views.open")[opened]?.body ?? {}) as {
        view: { callback_id: string; private_metadata: string; blocks: { block_id?: string }[] };
      };
      const before = rec.calls.length;
      const sent = await send(
        viewSubmissionBody({
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          userId: PEOPLE[who].slack,
          values: Object.fromEntries(
            answers.map((a) => [a.id, a.choice ? { selected: a.value } : { value: a.value }]),
          ),
        }),
      );
      if (sent.text) return sent.text; // the modal stayed open with errors
      const posted = () =>
        rec.calls
          .slice(before)
          .find((c) => c.method === "chat.postEphemeral" || c.method === "chat.postMessage");
      await until("the form's confirmation", () => posted() !== undefined);
      return String(posted()?.body.text ?? "");
    },
    deliver: () => relayer.tick(),
    async close() {
      await until("the poll cards to settle", () => slack.polls.idle);
      await rec.close();
      await t.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------- Teams

type CardElement = {
  type?: string;
  text?: string;
  id?: string;
  columns?: { items?: CardElement[] }[];
  actions?: CardAction[];
};
type CardAction = { type: string; title: string; verb: string; data: Record<string, string> };
type AdaptiveCard = { body: CardElement[]; actions?: CardAction[] };

/** A message's Adaptive Card (the first attachment), or an empty one. */
function cardIn(activity: Partial<Activity> | Record<string, unknown>): AdaptiveCard {
  const attachments = (activity as { attachments?: { content?: unknown }[] }).attachments;
  return (attachments?.[0]?.content ?? { body: [] }) as AdaptiveCard;
}

/**
 * Text messages ("@Baton agenda next") and adaptiveCard/action invokes through botbuilder's
 * TestAdapter into the real BatonTeamsBot; timer messages posted proactively by the real Teams poster
 * (CloudAdapter) to a recording Bot Connector, where the driver finds the cards' Action.Execute data.
 */
export async function teamsDriver(): Promise<
  TransportDriver & {
    /** Messages posted to the channel through the Bot Connector, oldest first. */
    posted(): Record<string, unknown>[];
    /** Messages the bot updated in place while answering a click. */
    updates(): Partial<Activity>[];
  }
> {
  const CHANNEL = "19:scenario@thread.tacv2";
  const { t, core, relay, reached } = await base();
  const framework = await startBotFramework(rsaKeys().publicKey);
  /** Cards the bot answered typed commands with (the DORA card), newest last. */
  const answers: AdaptiveCard[] = [];
  const teams = createTeamsBot(
    { allowAnonymous: true, throttle: { sleep: async () => {} } },
    core,
    silentLogger,
  );
  const relayer = relay({ teams: teams.poster });
  const adapter = new TestAdapter(async (context) => teams.bot.run(context), {
    channelId: "msteams",
    serviceUrl: framework.serviceUrl,
    conversation: { id: CHANNEL, isGroup: true, conversationType: "channel", name: "workshop" },
    recipient: { id: "28:baton", name: "Baton" },
  });
  const updated: Partial<Activity>[] = [];
  const updateActivity = adapter.updateActivity.bind(adapter);
  adapter.updateActivity = (context, activity) => {
    updated.push(activity);
    return updateActivity(context, activity);
  };
  const from = (who: Person) => ({ id: `29:${who}`, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].teams });

  async function turn(activity: Partial<Activity>): Promise<Partial<Activity>> {
    let reply: Partial<Activity> | undefined;
    await adapter.send(activity).assertReply((a) => {
      reply = a;
    });
    if (!reply) throw new Error("teams: no reply");
    return reply;
  }

  /** What an invoke answered: a message's text, or the card it returned (a form). */
  function invokeAnswer(reply: Partial<Activity>): { text: string; card?: AdaptiveCard } {
    const body = (reply.value as { body?: { type?: string; value?: unknown } } | undefined)?.body;
    if (body?.type === "application/vnd.microsoft.card.adaptive") {
      const card = body.value as AdaptiveCard;
      return { text: card.body[0]?.text ?? "", card };
    }
    return { text: typeof body?.value === "string" ? body.value : JSON.stringify(reply.value) };
  }

  /** The latest card posted to the channel with a TextBlock containing the text, and the button on it. */
  function find(button: ButtonLocator): { action: CardAction; activityId: string | undefined } {
    const posted: { card: AdaptiveCard; activityId?: string }[] = [
      ...answers.map((card) => ({ card })),
      ...framework.calls.map((call, i) => ({ card: cardIn(call.body), activityId: `act-${i + 1}` })),
    ];
    const message = posted
      .reverse()
      .find(({ card }) => card.body.some((e) => e.type === "TextBlock" && e.text?.includes(button.message)));
    if (!message) throw new Error(`teams: no card with "${button.message}"`);
    let actions: CardAction[];
    if (button.row) {
      // A labelled row is a ColumnSet: its label beside an ActionSet. Merged poll cards prefix the option.
      const row = message.card.body.find((e) => {
        const label = e.type === "ColumnSet" ? e.columns?.[0]?.items?.[0]?.text : undefined;
        return label === button.row || label === `${button.message} · ${button.row}`;
      });
      actions = row?.columns?.[1]?.items?.flatMap((i) => i.actions ?? []) ?? [];
    } else {
      actions = [
        ...message.card.body.flatMap(
          (e) => e.columns?.flatMap((c) => c.items?.flatMap((i) => i.actions ?? []) ?? []) ?? [],
        ),
        ...(message.card.actions ?? []),
      ];
    }
    const action = actions.find((a) => a.title === button.label && a.type === "Action.Execute");
    if (!action)
      throw new Error(`teams: no "${button.label}" in ${button.row ?? "the card"} of "${button.message}"`);
    return { action, activityId: message.activityId };
  }

  async function execute(
    who: Person,
    action: CardAction,
    replyToId?: string,
    extra: Record<string, string> = {},
  ) {
    return invokeAnswer(
      await turn({
        type: "invoke",
        name: "adaptiveCard/action",
        from: from(who),
        ...(replyToId ? { replyToId } : {}),
        value: {
          action: { type: "Action.Execute", verb: action.verb, data: { ...action.data, ...extra } },
          trigger: "manual",
        },
      }),
    );
  }

  async function click(who: Person, button: ButtonLocator): Promise<string> {
    const { action, activityId } = find(button);
    return (await execute(who, action, activityId)).text;
  }

  return {
    name: "teams",
    t,
    ids: { fran: "teams:aad-fran", sam: "teams:aad-sam", olga: "teams:aad-olga" },
    async command(who, line) {
      const reply = await turn({
        type: "message",
        text: `<at>Baton</at> ${line.replace(/^\//, "")}`,
        from: from(who),
        entities: [{ type: "mention", text: "<at>Baton</at>", mentioned: { id: "28:baton", name: "Baton" } }],
      });
      answers.push(cardIn(reply));
      return cardIn(reply).body[0]?.text ?? reply.text ?? "";
    },
    click,
    async submitFeedback(who, session, rating, comment) {
      const prompt = `How useful was "${session}"`;
      await click(who, { message: prompt, row: "Rate it", label: String(rating) });
      // "Add a comment" answers with the form as a card; its submit button carries the form id back.
      const { action, activityId } = find({ message: prompt, label: "Add a comment" });
      const { card } = await execute(who, action, activityId);
      const inputs = (card?.body ?? []).filter((e) => e.type?.startsWith("Input.")).map((e) => e.id);
      const submit = card?.actions?.find((a) => a.type === "Action.Execute" && a.data.formId);
      if (!submit || !inputs.includes("rating") || !inputs.includes("comment"))
        throw new Error(`teams: no feedback form with rating and comment (${inputs.join(", ")})`);
      return (await execute(who, submit, undefined, { rating: String(rating), comment })).text;
    },
    reached,
    async submitForm(who, opener, fields) {
      let card: AdaptiveCard | undefined;
      if ("command" in opener) {
        const reply = await turn({
          type: "message",
          text: opener.command.replace(/^\//, ""),
          from: from(who),
        });
        card = cardIn(reply);
      } else {
        const { action, activityId } = find(opener.button);
        card = (await execute(who, action, activityId)).card;
      }
      const submit = card?.actions?.find((a) => a.type === "Action.Execute" && a.data.formId);
      if (!submit) throw new Error("teams: no form card");
      return (await execute(who, submit, undefined, Object.fromEntries(fields.map((f) => [f.id, f.value]))))
        .text;
    },
    deliver: () => relayer.tick(),
    posted: () => framework.calls.filter((c) => c.method === "POST").map((c) => c.body),
    updates: () => updated,
    async close() {
      await framework.close();
      await t.close();
    },
  };
}

// --------------------------------------------------------------------------------------------- Console

/**
 * Terminal sessions (bot/console) on one channel, one per person, and one relay printing timer
 * messages in every terminal of the channel. That shared room is this test's doing: `npm run chat`
 * gives each person a channel of their own (`terminal-<user>`) and a relay of its own, and a timer
 * message is claimed by one relay only.
 */
export async function consoleDriver(): Promise<TransportDriver> {
  const CHANNEL = "terminal-room";
  const { t, core, relay, reached } = await base();
  const terminals = new Map<Person, ReturnType<typeof terminal>>();

  function terminal(who: Person) {
    const input = new PassThrough();
    const output = new PassThrough();
    const state = { printed: "" };
    output.on("data", (c) => {
      state.printed += String(c);
    });
    const session = startConsoleSession({
      core,
      input,
      output,
      actor: { platform: "console", userId: who, displayName: PEOPLE[who].name },
      channel: { platform: "console", channelId: CHANNEL },
      clock: t.clock.now,
    });
    return { input, session, state };
  }
  const of = (who: Person) => {
    const known = terminals.get(who);
    if (known) return known;
    const made = terminal(who);
    terminals.set(who, made);
    return made;
  };
  for (const who of Object.keys(PEOPLE) as Person[]) of(who);

  const everyone: Poster = {
    async post(event, message) {
      let ref: Record<string, unknown> = {};
      for (const { session } of terminals.values()) ref = await session.poster.post(event, message);
      return ref;
    },
    async postPoll(event, poll) {
      let ref: Record<string, unknown> = {};
      for (const { session } of terminals.values())
        ref = (await session.poster.postPoll?.(event, poll)) ?? ref;
      return ref;
    },
  };
  const relayer = relay({ console: everyone });

  /** Types a line and resolves to the first line the terminal printed in answer (one write per line). */
  async function type(who: Person, line: string): Promise<string> {
    const term = of(who);
    const before = term.state.printed.length;
    term.input.write(`${line}\n`);
    await until(`an answer to "${line}"`, () => term.state.printed.length > before);
    return term.state.printed.slice(before).trim().split("\n")[0] ?? "";
  }

  /**
   * The number of a button in the person's terminal: on the latest channel message containing the text
   * (up to the next channel message) and, with a row, on that row's line
   * (`  Cost (lower is better): [4] L   [5] M   [6] H`). A terminal numbers each button it shows once,
   * so a number found anywhere in what it printed still presses that button.
   */
  function numberOf(who: Person, button: ButtonLocator): string {
    // Channel messages (timer posts) start with their time, "[09:01] "; answers to typed lines do not.
    const posted = /\[\d\d:\d\d\] /;
    const lines = of(who).state.printed.split("\n");
    // A channel message, or else a command's answer (the DORA card).
    let first = lines.findLastIndex((l) => posted.test(l) && l.includes(button.message));
    if (first < 0) first = lines.findLastIndex((l) => l.includes(button.message));
    if (first < 0) throw new Error(`console: ${who} saw no message with "${button.message}"`);
    const end = lines.findIndex((l, i) => i > first && posted.test(l));
    for (const line of lines.slice(first, end < 0 ? undefined : end)) {
      if (button.row && !line.trim().startsWith(`${button.row}: `)) continue;
      const hit = [...line.matchAll(/\[(\d+)\] (.+?)(?=\s{3}\[|$)/g)].find((m) => m[2] === button.label);
      if (hit?.[1]) return hit[1];
    }
    throw new Error(`console: no "${button.label}" in ${button.row ?? "the message"} of "${button.message}"`);
  }

  return {
    name: "console",
    t,
    ids: { fran: "console:fran", sam: "console:sam", olga: "console:olga" },
    command: type,
    click: (who, button) => type(who, numberOf(who, button)),
    async submitFeedback(who, session, rating, comment) {
      const prompt = `How useful was "${session}"`;
      const term = of(who);
      await type(who, numberOf(who, { message: prompt, row: "Rate it", label: String(rating) }));
      // "Add a comment" opens the form in the terminal: one line per field, each asked with "› <label>".
      const opened = term.state.printed.length;
      await type(who, numberOf(who, { message: prompt, label: "Add a comment" }));
      await until("the feedback form", () => term.state.printed.slice(opened).includes("› "));
      let asked =
        term.state.printed
          .slice(opened)
          .split("\n")
          .find((l) => l.trim().startsWith("› ")) ?? "";
      const labels: string[] = [];
      for (;;) {
        const label = asked.trim().slice(2);
        labels.push(label);
        const answer = label.startsWith("How useful was it?")
          ? String(rating)
          : label.startsWith("Comment")
            ? comment
            : undefined;
        if (answer === undefined) throw new Error(`console: unexpected field in the feedback form: ${label}`);
        // The next question, or the form's answer (the confirmation, or its errors).
        const next = await type(who, answer);
        if (!next.startsWith("› ")) {
          if (labels.length < 2)
            throw new Error(`console: the feedback form asked only ${labels.join(", ")}`);
          return next;
        }
        asked = next;
      }
    },
    reached,
    async submitForm(who, opener, fields) {
      const term = of(who);
      const opened = term.state.printed.length;
      await type(who, "command" in opener ? opener.command : numberOf(who, opener.button));
      await until("the form", () => term.state.printed.slice(opened).includes("› "));
      let asked =
        term.state.printed
          .slice(opened)
          .split("\n")
          .find((l) => l.trim().startsWith("› ")) ?? "";
      for (;;) {
        const label = asked.trim().slice(2);
        const answer = fields.find((f) => label.startsWith(f.label))?.value ?? "";
        const next = await type(who, answer);
        if (!next.startsWith("› ")) return next;
        asked = next;
      }
    },
    deliver: () => relayer.tick(),
    async close() {
      for (const { input, session } of terminals.values()) {
        input.end("/quit\n");
        await session.done;
      }
      await t.close();
    },
  };
}

export const TRANSPORTS: { name: TransportName; start: () => Promise<TransportDriver> }[] = [
  { name: "slack", start: slackDriver },
  { name: "teams", start: teamsDriver },
  { name: "console", start: consoleDriver },
];
