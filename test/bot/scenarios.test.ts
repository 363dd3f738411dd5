import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTRY } from "../../bot/core/entries.js";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { auditLog } from "../../db/schema/audit-log.js";
import { channelBindings } from "../../db/schema/channel-bindings.js";
import { decisions } from "../../db/schema/decisions.js";
import { lineItems } from "../../db/schema/line-items.js";
import { polls } from "../../db/schema/polls.js";
import { sessionFeedback } from "../../db/schema/session-feedback.js";
import { shareLinks } from "../../db/schema/share-links.js";
import { timerEvents } from "../../db/schema/timer-events.js";
import { votes } from "../../db/schema/votes.js";
import { workshopFacilitators } from "../../db/schema/workshop-facilitators.js";
import { workshopOutputs } from "../../db/schema/workshop-outputs.js";
import { workshops } from "../../db/schema/workshops.js";
import { type Person, TRANSPORTS, type TransportDriver, type TransportName } from "../helpers/transports.js";

/**
 * The demo agenda names no outputs: give "Demo: the big decision" two, as a template session has, so
 * its start message lists them with Done buttons.
 */
async function giveOutputs(d: TransportDriver): Promise<void> {
  const db = d.t.database.db;
  const [session] = await db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.title, "Demo: the big decision"));
  if (!session) throw new Error("no demo session");
  await db.insert(workshopOutputs).values(
    ["A list of assumptions", "The recommended solution"].map((title, position) => ({
      workshopId: session.workshopId,
      agendaItemId: session.id,
      position,
      title,
    })),
  );
}

/**
 * The Teams parity issue's "done when": one facilitation scenario — start, next, extend, a scorecard
 * vote changed and revealed, feedback — through Slack, Teams and the terminal, with the same outcome
 * in each one's database. The fake clock is set and moved the same way for every transport, so even
 * the timestamps must agree.
 */

const START = "2026-03-02T09:00:00.000Z";
const at = (seconds: number) => new Date(Date.parse(START) + seconds * 1000).toISOString();
const MSK_COST = { message: "AWS MSK", row: "Cost (lower is better)" };
/** A refusal or error, however the transport marks it (Slack ":warning:", Teams "⚠️", terminal "⚠"). */
const WARNING = /:warning:|⚠/;

/** What the scenario leaves in the database, with ids replaced by names and people by who they are. */
async function snapshot(d: TransportDriver) {
  const db = d.t.database.db;
  const who = (id: string) =>
    (Object.entries(d.ids).find(([, v]) => v === id)?.[0] as Person | undefined) ??
    (id.startsWith("token:") ? "bot token" : id);
  const iso = (x: Date | null) => x?.toISOString() ?? null;
  const items = await db.select().from(agendaItems).orderBy(agendaItems.position);
  const title = (id: string | null) => items.find((i) => i.id === id)?.title ?? id;
  const pollRows = await db.select().from(polls);
  const cell = (pollId: string, option: string, factor: string) => {
    const p = pollRows.find((x) => x.id === pollId);
    return `${p?.options.find((o) => o.key === option)?.label ?? option} · ${p?.factors.find((f) => f.key === factor)?.name ?? factor}`;
  };
  const byText = (a: string, b: string) => a.localeCompare(b);
  return {
    // The Slack driver's workshop takes the Slack user's time zone (Europe/London, UTC in March),
    // the others the bot's default (UTC): the same local times, so the zone itself is left out.
    workshops: (await db.select().from(workshops)).map((w) => ({ name: w.name, startDate: w.startDate })),
    bindings: (await db.select().from(channelBindings)).map((b) => ({ createdBy: who(b.createdBy) })),
    facilitators: (await db.select().from(workshopFacilitators)).map((f) => who(`${f.platform}:${f.userId}`)),
    agenda: items.map((i) => ({
      title: i.title,
      state: i.state,
      actualStart: iso(i.actualStart),
      actualEnd: iso(i.actualEnd),
      endsAt: iso(i.endsAt),
      extendedMinutes: i.extendedMinutes,
    })),
    audit: (await db.select().from(auditLog).orderBy(auditLog.id)).map((a) => ({
      at: iso(a.at),
      actor: who(a.actor),
      action: a.action,
      ...(a.details.minutes ? { minutes: a.details.minutes } : {}),
    })),
    polls: pollRows.map((p) => ({
      kind: p.kind,
      title: p.title,
      session: title(p.agendaItemId),
      createdBy: who(p.createdBy),
      blind: p.blind,
      revealedAt: iso(p.revealedAt),
      closedAt: iso(p.closedAt),
    })),
    votes: (await db.select().from(votes))
      .map((v) => ({
        voter: who(v.voter),
        cell: cell(v.pollId, v.optionKey, v.factorKey),
        value: v.value,
        votedAt: iso(v.votedAt),
      }))
      .sort((a, b) => byText(`${a.voter}${a.cell}`, `${b.voter}${b.cell}`)),
    feedback: (await db.select().from(sessionFeedback))
      .map((f) => ({
        session: title(f.agendaItemId),
        person: who(f.person),
        rating: f.rating,
        comment: f.comment,
      }))
      .sort((a, b) => byText(`${a.session}${a.person}`, `${b.session}${b.person}`)),
    timerMessages: (await db.select().from(timerEvents))
      .map((e) => `${e.kind} · ${title(e.agendaItemId)} · ${e.status}`)
      .sort(byText),
  };
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;
/** Each transport's database after the facilitation, and after the feedback. */
const facilitated = new Map<TransportName, Snapshot>();
const finished = new Map<TransportName, Snapshot>();

describe.each(TRANSPORTS)("the facilitation scenario through $name", ({ name, start }) => {
  let d: TransportDriver;
  beforeAll(async () => {
    d = await start();
    d.t.clock.set(START);
  });
  afterAll(async () => {
    await d?.close();
  });

  it("starts a demo agenda, moves on, extends, takes a changed vote and a second one, and reveals", async () => {
    const { t } = d;
    expect(await d.command("fran", "/agenda start demo")).toMatch(/^Started "Demo: introductions"\./);
    await d.deliver();

    t.clock.set(at(30));
    expect(await d.click("fran", { message: "▶️ Now: Demo: introductions", label: "Next" })).toBe(
      'Finished "Demo: introductions"; started "Demo: the big decision".',
    );
    await d.deliver();

    t.clock.set(at(60));
    expect(await d.command("fran", "/agenda extend 5")).toBe(
      'Extended "Demo: the big decision" by 5 min. It now ends at 09:07.',
    );
    expect(await d.command("fran", "/agenda poll scorecard")).toMatch(
      /^The scorecard is on its way to the thread of "Demo: the big decision"/,
    );
    await d.deliver();

    t.clock.set(at(90));
    expect(await d.click("sam", { ...MSK_COST, label: "M" })).toBe(
      "Cost for AWS MSK: M — change it any time until the poll closes.",
    );
    t.clock.set(at(100));
    expect(await d.click("sam", { ...MSK_COST, label: "H" })).toBe(
      "Cost for AWS MSK: H — change it any time until the poll closes.",
    );
    t.clock.set(at(110));
    expect(await d.click("olga", { ...MSK_COST, label: "L" })).toBe(
      "Cost for AWS MSK: L — change it any time until the poll closes.",
    );
    // Only a facilitator reveals; a stakeholder's press is refused, marked as a refusal everywhere,
    // and changes nothing (revealedAt below).
    const refused = await d.click("sam", { message: "📊 Scorecard", label: "Reveal results" });
    expect(refused).toContain("only this workshop's facilitators can do that");
    expect(refused).toMatch(WARNING);
    t.clock.set(at(120));
    expect(await d.click("fran", { message: "📊 Scorecard", label: "Reveal results" })).toMatch(
      /^Revealed "Scorecard": the cards now show the results\./,
    );
    await d.deliver();

    const s = await snapshot(d);
    expect(s.agenda.map((i) => [i.title, i.state, i.extendedMinutes, i.endsAt])).toEqual([
      ["Demo: introductions", "done", 0, null],
      // Started at 09:00:30 for 2 minutes, extended by 5.
      ["Demo: the big decision", "running", 5, at(30 + 7 * 60)],
      ["Demo: wrap-up", "pending", 0, null],
    ]);
    expect(s.audit.filter((a) => a.action.startsWith("agenda."))).toEqual([
      { at: at(0), actor: "fran", action: "agenda.start" },
      { at: at(30), actor: "fran", action: "agenda.next" },
      { at: at(60), actor: "fran", action: "agenda.extend", minutes: 5 },
    ]);
    // One row per (voter, cell): Sam's second vote replaced the first.
    expect(s.votes).toEqual([
      { voter: "olga", cell: "AWS MSK · Cost", value: 1, votedAt: at(110) },
      { voter: "sam", cell: "AWS MSK · Cost", value: 3, votedAt: at(100) },
    ]);
    expect(s.polls).toEqual([
      {
        kind: "scorecard",
        title: "Scorecard",
        session: "Demo: the big decision",
        createdBy: "fran",
        blind: true,
        revealedAt: at(120),
        closedAt: null,
      },
    ]);
    expect(s.feedback).toEqual([]);
    facilitated.set(name, s);
  });

  it("ends the session and takes a rating with a comment on it", async () => {
    d.t.clock.set(at(180));
    expect(await d.command("fran", "/agenda next")).toBe(
      'Finished "Demo: the big decision"; started "Demo: wrap-up".',
    );
    await d.deliver();

    d.t.clock.set(at(200));
    expect(await d.submitFeedback("sam", "Demo: the big decision", 4, "More live demos")).not.toMatch(
      WARNING,
    );

    const s = await snapshot(d);
    expect(s.agenda.map((i) => i.state)).toEqual(["done", "done", "running"]);
    expect(s.feedback).toEqual([
      { session: "Demo: the big decision", person: "sam", rating: 4, comment: "More live demos" },
    ]);
    finished.set(name, s);
  });
});

describe("the same outcomes on every transport", () => {
  it.each(["teams", "console"] as const)("%s leaves the database as Slack does", (name) => {
    const slack = facilitated.get("slack");
    expect(slack).toBeDefined();
    expect(facilitated.get(name)).toEqual(slack);
  });

  it.each(["teams", "console"] as const)(
    "%s ends the scenario with the database Slack ends it with",
    (name) => {
      const slack = finished.get("slack");
      expect(slack).toBeDefined();
      expect(finished.get(name)).toEqual(slack);
    },
  );
});

/**
 * Every button kind and form kind the registry knows, pressed and sent through each transport the
 * way a person would. `reached` records which registry entries ran; the expectation is built from
 * the registry, so a new kind that no step below reaches fails here until a step is added.
 */
describe.each(TRANSPORTS)("every registered button and form through $name", ({ start }) => {
  let d: TransportDriver;
  beforeAll(async () => {
    d = await start();
    d.t.clock.set(START);
  });
  afterAll(async () => {
    await d?.close();
  });

  it("reaches each action and form of the registry", async () => {
    const { t } = d;
    await d.command("fran", "/agenda start demo");
    await d.deliver();
    // agenda: Next on the session's message.
    await giveOutputs(d);
    t.clock.set(at(30));
    expect(await d.click("fran", { message: "▶️ Now: Demo: introductions", label: "Next" })).not.toMatch(
      WARNING,
    );
    await d.deliver();
    // out: Done beside an output on the next session's start message.
    expect(
      await d.click("fran", {
        message: "▶️ Now: Demo: the big decision",
        row: "☐ A list of assumptions",
        label: "Done",
      }),
    ).toBe('Marked done: "A list of assumptions". 1 of 2 outputs done.');
    // vote and poll: a scorecard vote, then Reveal.
    await d.command("fran", "/agenda poll scorecard");
    await d.deliver();
    expect(await d.click("sam", { ...MSK_COST, label: "M" })).not.toMatch(WARNING);
    expect(await d.click("fran", { message: "📊 Scorecard", label: "Reveal results" })).not.toMatch(WARNING);
    // dora: an answer on the DORA quick-check card (Slack used to drop these clicks).
    expect(await d.command("fran", "/agenda poll dora")).toContain("DORA quick check");
    expect(await d.click("fran", { message: "DORA quick check", label: "I don't know" })).not.toMatch(
      WARNING,
    );
    const { doraSurveyAnswers } = await import("../../db/schema/index.js");
    expect(await t.database.db.select().from(doraSurveyAnswers)).toHaveLength(1);
    // fb (action and form): the feedback prompt's rating and its comment form.
    t.clock.set(at(180));
    await d.command("fran", "/agenda next");
    await d.deliver();
    expect(await d.submitFeedback("sam", "Demo: the big decision", 5, "Clear")).not.toMatch(WARNING);
    // cap (form): /capture alone opens the capture form, owner and due date included.
    const captured = await d.submitForm("sam", { command: "/capture" }, [
      { id: "kind", label: "Kind", value: "risk", choice: true },
      { id: "text", label: "Text", value: "Only one engineer knows Kafka" },
      { id: "owner", label: "Owner", value: "Priya" },
      { id: "by", label: "Due by", value: "2026-03-06" },
    ]);
    expect(captured).toContain("captured a risk");
    expect(captured).toContain("owner Priya, due 2026-03-06");
    // rv: the review's Validate on the risk's row.
    expect(await d.command("fran", "/agenda review")).toMatch(/1 open assumption or risk to review/);
    expect(
      await d.click("fran", {
        message: "🔎",
        row: "Risk: Only one engineer knows Kafka (owner Priya, due 2026-03-06)",
        label: "Validate",
      }),
    ).toMatch(/^✅ Risk validated: "Only one engineer knows Kafka"\. Nothing left to review\./);
    // swot (form): `/swot add` opens it; the terminal takes the option's label.
    expect(
      await d.submitForm("sam", { command: "/swot add" }, [
        { id: "option", label: "Option", value: "AWS MSK", choice: true },
        { id: "quadrant", label: "Quadrant", value: "threat", choice: true },
        { id: "text", label: "Text", value: "Lock-in to one cloud" },
      ]),
    ).toContain('added a threat of AWS MSK: "Lock-in to one cloud"');
    // uc (form): `/usecase` alone opens it; the answer is the sizing.
    expect(
      await d.submitForm("fran", { command: "/usecase" }, [
        { id: "usecase", label: "Use case key", value: "payments" },
        { id: "rate", label: "Messages per second (average)", value: "100" },
        { id: "size", label: "Message size", value: "500b" },
      ]),
    ).toMatch(/captured use case "payments"\. 📐 payments: 1 partition on 3 brokers\./);

    const expected = [
      ...REGISTRY.actions.map((a) => `action:${a.prefix}`),
      ...REGISTRY.forms.map((f) => `form:${f.prefix}`),
    ].sort();
    expect([...d.reached].sort()).toEqual(expected);
  });
});

/**
 * The room's outputs in chat on every transport: a session's outputs and who may mark them, RAID
 * fields on `/capture`, the day-2 review, SWOT, a use case's sizing, the report and the wrap-up,
 * decisions, the skills gaps and the costs —
 * with stakeholders refused, politely and by name, wherever only facilitators may act.
 */
describe.each(TRANSPORTS)("the room's outputs through $name", ({ start }) => {
  let d: TransportDriver;
  beforeAll(async () => {
    d = await start();
    d.t.clock.set(START);
  });
  afterAll(async () => {
    await d?.close();
  });

  it("lists a session's outputs on its start message; only facilitators mark them done", async () => {
    await d.command("fran", "/agenda start demo");
    await d.deliver();
    await giveOutputs(d);
    d.t.clock.set(at(30));
    await d.command("fran", "/agenda next");
    await d.deliver();
    const output = {
      message: "▶️ Now: Demo: the big decision",
      row: "☐ A list of assumptions",
      label: "Done",
    };
    const refused = await d.click("sam", output);
    expect(refused).toMatch(WARNING);
    expect(refused).toContain("only this workshop's facilitators can do that");
    expect(await d.click("fran", output)).toBe('Marked done: "A list of assumptions". 1 of 2 outputs done.');
    const rows = await d.t.database.db.select().from(workshopOutputs).orderBy(workshopOutputs.position);
    expect(rows.map((r) => [r.title, r.status, r.updatedBy])).toEqual([
      ["A list of assumptions", "done", d.ids.fran],
      ["The recommended solution", "open", null],
    ]);
  });

  it("captures owners and due dates, and says which field it could not read", async () => {
    d.t.clock.set(at(60));
    expect(
      await d.command("sam", "/capture risk Only one engineer knows Kafka owner: @priya by: 2026-03-06"),
    ).toMatch(/captured a risk: "Only one engineer knows Kafka" \(owner priya, due 2026-03-06\)\.$/);
    // "by: friday" is resolved in the workshop's zone: Monday 2 March 2026 → Friday 6 March.
    expect(
      await d.command("olga", "/capture assumption We stay on AWS owner: Platform team by: friday"),
    ).toMatch(/\(owner Platform team, due 2026-03-06\)\.$/);
    const unreadable = await d.command("sam", "/capture issue Disks fill up by: someday");
    expect(unreadable).toMatch(WARNING);
    // The terminal prints code without its backticks.
    expect(unreadable).toMatch(/the due date \(`?by:`?\) — cannot read "someday" as a date/);
    expect(unreadable).not.toContain("dueDate");
    const items = await d.t.database.db.select().from(lineItems).orderBy(lineItems.createdAt);
    expect(items.map((i) => [i.kind, i.owner, i.dueDate])).toEqual([
      ["risk", "priya", "2026-03-06"],
      ["assumption", "Platform team", "2026-03-06"],
    ]);
  });

  it("posts the review for facilitators only and records each outcome", async () => {
    const refused = await d.command("sam", "/agenda review");
    expect(refused).toMatch(WARNING);
    expect(refused).toContain("only this workshop's facilitators can run the review");
    expect(await d.command("fran", "/agenda review")).toMatch(/2 open assumptions and risks to review/);
    const risk = { message: "🔎", row: "Risk: Only one engineer knows Kafka (owner priya, due 2026-03-06)" };
    // A command's answer shows in the asker's terminal only (one person per terminal), so a stakeholder
    // sees the review's buttons in Slack and Teams; the API refuses them the same way everywhere.
    if (d.name !== "console") {
      const stakeholder = await d.click("sam", { ...risk, label: "Invalidate" });
      expect(stakeholder).toMatch(WARNING);
      expect(stakeholder).toContain("only this workshop's facilitators can do that");
    }
    expect(await d.click("fran", { ...risk, label: "Validate" })).toBe(
      '✅ Risk validated: "Only one engineer knows Kafka". 1 still open (1 validated, 0 invalidated).',
    );
    expect(
      await d.click("fran", {
        message: "🔎",
        row: "Assumption: We stay on AWS (owner Platform team, due 2026-03-06)",
        label: "Defer",
      }),
    ).toBe('⏭ Assumption deferred: "We stay on AWS". 1 still open (1 validated, 0 invalidated).');
    const items = await d.t.database.db.select().from(lineItems).orderBy(lineItems.createdAt);
    expect(items.map((i) => [i.status, i.reviewOutcome, i.reviewedBy])).toEqual([
      ["validated", "validated", d.ids.fran],
      ["open", "deferred", d.ids.fran],
    ]);
  });

  it("takes SWOT entries from anyone and shows them grouped by option", async () => {
    expect(await d.command("sam", "/swot strength msk: Managed brokers, no patching")).toMatch(
      /added a strength of AWS MSK: "Managed brokers, no patching"\.$/,
    );
    expect(await d.command("olga", "/swot confluent-cloud threat Egress costs")).toMatch(
      /added a threat of Confluent Cloud: "Egress costs"\.$/,
    );
    const ambiguous = await d.command("olga", "/swot weakness confluent: Licence cost");
    expect(ambiguous).toMatch(WARNING);
    expect(ambiguous).toContain('"confluent" could be several options');
    expect(await d.command("olga", "/swot")).toMatch(/^SWOT of 2 options in "Demo/);
  });

  it("sizes a use case for facilitators, with the hot-partition warning", async () => {
    const line =
      "/usecase orders rate: 20000 peak: 50000 size: 2kb key: customerId keys: 50 zipf: 2 groups: billing";
    const refused = await d.command("sam", line);
    expect(refused).toMatch(WARNING);
    expect(refused).toContain("only this workshop's facilitators can do that");
    expect(await d.command("fran", line)).toMatch(
      /captured use case "orders"\. 📐 orders: 10 partitions on \d+ brokers — ⚠ a hot partition is forecast\.$/,
    );
    expect(await d.command("olga", "/usecase orders")).toMatch(/^📐 orders: 10 partitions/);
  });

  it("posts the report link for facilitators, and the wrap-up once when the last session ends", async () => {
    const refused = await d.command("sam", "/agenda report");
    expect(refused).toMatch(WARNING);
    expect(refused).toContain("only this workshop's facilitators can do that");
    expect(await d.command("fran", "/agenda report")).toMatch(
      /^📄 The report of "Demo 09:00" so far: 0 decisions, 2 line items, 1 of 2 outputs done\.$/,
    );
    d.t.clock.set(at(180));
    await d.command("fran", "/agenda next");
    await d.deliver();
    await d.command("fran", "/agenda next");
    expect(await d.deliver()).toBeGreaterThan(0);
    await d.deliver();
    const db = d.t.database.db;
    const wrapUps = (await db.select().from(timerEvents)).filter((e) => e.kind === "wrapup");
    expect(wrapUps.map((e) => e.status)).toEqual(["delivered"]);
    // One link for /agenda report, one for the wrap-up, both made for the facilitator.
    expect((await db.select().from(shareLinks)).map((l) => l.createdBy)).toEqual([d.ids.fran, d.ids.fran]);
    // Back into the last session and out again: still one wrap-up.
    await d.command("fran", "/agenda back");
    await d.command("fran", "/agenda next");
    await d.deliver();
    expect((await db.select().from(timerEvents)).filter((e) => e.kind === "wrapup")).toHaveLength(1);
  });

  it("records a view's decision for facilitators only, and shows the skills gaps and the costs", async () => {
    const [workshop] = await d.t.database.db.select().from(workshops);
    if (!workshop) throw new Error("no workshop");
    // Nothing yet: each says how to add it.
    expect(await d.command("olga", "/decide")).toMatch(
      /^No decisions yet for "Demo.*`?\/decide default [a-z0-9-]+ because <why>/,
    );
    expect(await d.command("olga", "/skills")).toContain(`PUT /v1/workshops/${workshop.id}/skills`);
    expect(await d.command("olga", "/costs")).toContain(`PUT /v1/workshops/${workshop.id}/costs`);

    const refused = await d.command("sam", "/decide default msk because managed brokers");
    expect(refused).toMatch(WARNING);
    expect(refused).toContain("only this workshop's facilitators can do that");
    const noView = await d.command("fran", "/decide production msk because managed brokers");
    expect(noView).toMatch(WARNING);
    expect(noView).toContain("Can't record the decision: the view: one of default.");
    const noWhy = await d.command("fran", "/decide default msk");
    expect(noWhy).toMatch(WARNING);
    expect(noWhy).toMatch(/The rationale \(`?because …`?\) is missing/);
    expect(
      await d.command("fran", "/decide default msk because the team runs everything else on AWS"),
    ).toMatch(
      /recorded the decision for default: AWS MSK, before the scorecard recommends anything, because the team runs everything else on AWS\. No unmitigated gaps\.$/,
    );
    expect(await d.command("olga", "/decide")).toMatch(/^1 decision in "Demo[^"]*": default → AWS MSK\.$/);
    const rows = await d.t.database.db.select().from(decisions);
    expect(rows.map((r) => [r.view, r.option, r.decidedBy])).toEqual([["default", "aws-msk", d.ids.fran]]);

    const put = async (what: string, body: unknown) =>
      expect((await d.t.request("PUT", `/v1/workshops/${workshop.id}/${what}`, { body })).status).toBe(200);
    await put("skills", {
      people: [{ name: "Ana" }, { name: "Bo" }],
      skills: ["kafka-ops", "terraform"],
      levels: { Ana: { "kafka-ops": 1, terraform: 3 }, Bo: { terraform: 2 } },
      target: { "kafka-ops": 3, terraform: 2 },
    });
    await put("costs", {
      items: [
        { option: "aws-msk", environment: "production", monthly: 4000, currency: "EUR" },
        { option: "aws-msk", environment: "pre-prod", monthly: 1200, currency: "EUR" },
        { option: "confluent-cloud", environment: "production", monthly: 4500, currency: "EUR" },
      ],
    });
    expect(await d.command("olga", "/skills")).toMatch(
      /^Skills of 2 people in "Demo[^"]*" against the target: 1 skill short \(kafka-ops\)\.$/,
    );
    expect(await d.command("olga", "/costs")).toMatch(
      /^Costs of 2 options in "Demo[^"]*": the lowest is Confluent Cloud at €4,500 a month\.$/,
    );
  });
});
