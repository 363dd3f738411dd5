import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTRY } from "../../bot/core/entries.js";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { auditLog } from "../../db/schema/audit-log.js";
import { channelBindings } from "../../db/schema/channel-bindings.js";
import { polls } from "../../db/schema/polls.js";
import { sessionFeedback } from "../../db/schema/session-feedback.js";
import { timerEvents } from "../../db/schema/timer-events.js";
import { votes } from "../../db/schema/votes.js";
import { workshopFacilitators } from "../../db/schema/workshop-facilitators.js";
import { workshops } from "../../db/schema/workshops.js";
import { type Person, TRANSPORTS, type TransportDriver, type TransportName } from "../helpers/transports.js";

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
    t.clock.set(at(30));
    expect(await d.click("fran", { message: "▶️ Now: Demo: introductions", label: "Next" })).not.toMatch(
      WARNING,
    );
    await d.deliver();
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
    // cap (form): /capture alone opens the capture form.
    const captured = await d.submitForm("sam", { command: "/capture" }, [
      { id: "kind", label: "Kind", value: "risk", choice: true },
      { id: "text", label: "Text", value: "Only one engineer knows Kafka" },
    ]);
    expect(captured).toContain("captured a risk");

    const expected = [
      ...REGISTRY.actions.map((a) => `action:${a.prefix}`),
      ...REGISTRY.forms.map((f) => `form:${f.prefix}`),
    ].sort();
    expect([...d.reached].sort()).toEqual(expected);
  });
});
