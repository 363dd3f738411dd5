import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { lineItems } from "../../db/schema/line-items.js";
import { sessionFeedback } from "../../db/schema/session-feedback.js";
import { createTestBots, terminalSession } from "../helpers/bots.js";

let b: Awaited<ReturnType<typeof createTestBots>>;
beforeAll(async () => {
  b = await createTestBots();
});
afterAll(async () => {
  await b.t.close();
});

/** A terminal session on the core, with a relay posting to it; `out()` is everything printed so far. */
const terminal = (channelId: string, who?: { userId: string; displayName: string }) =>
  terminalSession(b, channelId, who);

/**
 * The number printed beside a button: on the latest timer message containing `message` (up to the
 * next timer message), on the line of the row labelled `row` when given.
 */
function numberOf(printed: string, button: { message: string; row?: string; label: string }): string {
  const lines = printed.split("\n");
  const first = lines.findLastIndex((l) => /\[\d\d:\d\d\] /.test(l) && l.includes(button.message));
  const end = lines.findIndex((l, i) => i > first && /\[\d\d:\d\d\] /.test(l));
  for (const line of lines.slice(first, end < 0 ? undefined : end)) {
    if (button.row && !line.trim().startsWith(`${button.row}: `)) continue;
    const hit = [...line.matchAll(/\[(\d+)\] (.+?)(?=\s{3}\[|$)/g)].find((m) => m[2] === button.label);
    if (hit?.[1]) return hit[1];
  }
  throw new Error(`no "${button.label}" on "${button.message}"`);
}

/** What was printed after the mark, for checking one step's output. */
const since = (printed: string, mark: number) => printed.slice(mark);

it("runs the agenda from a terminal: commands, timer messages, and buttons pressed by number", async () => {
  b.t.clock.set("2026-03-02T09:00:00Z");
  const { input, session, relay, say, output: out } = terminal("terminal-ada");

  await say("/agenda start demo");
  await relay.tick();
  expect(out()).toContain('Started "Demo: introductions"');
  expect(out()).toContain("▶️ Now: Demo: introductions — 2 min.");
  expect(out()).toContain("[1] Next   [2] +5 min   [3] Pause");

  b.t.clock.advance(60_000);
  await relay.tick();
  expect(out()).toContain("↳ [09:01] ⏳ 1 minute left in Demo: introductions.");

  await say("2");
  expect(out()).toContain('Extended "Demo: introductions" by 5 min.');
  await say("/agenda wat");
  expect(out()).toContain("⚠ I don't know wat. Try /agenda help.");
  await say("hello?");
  expect(out()).toContain("Type /agenda help");
  input.end("/quit\n");
  await session.done;
});

it("votes on a scorecard from the terminal by typing a button's number", async () => {
  b.t.clock.set("2026-03-02T10:00:00Z");
  const { input, session, relay, say, output: out } = terminal("terminal-ada-votes");
  await say("/agenda start demo");
  await relay.tick();
  await say("/agenda poll scorecard");
  await relay.tick();
  expect(out()).toContain("📊 Scorecard: score each option Low / Medium / High on each factor.");
  // The cards' buttons are numbered on from card to card: find AWS MSK's "Cost … M".
  const afterMsk = out().slice(out().indexOf("AWS MSK"));
  const costLine = afterMsk.split("\n").find((l) => l.includes("Cost (lower is better):")) ?? "";
  const m = /\[(\d+)\] M/.exec(costLine);
  expect(m).not.toBeNull();
  await say(m?.[1] ?? "");
  expect(out()).toContain("Cost for AWS MSK: M — change it any time until the poll closes.");
  await say("/capture risk Only one engineer knows Kafka");
  expect(out()).toContain('📝 Ada captured a risk: "Only one engineer knows Kafka".');
  input.end("/quit\n");
  await session.done;
});

it("numbers every button once, so two messages arriving together cannot swap what a number presses", async () => {
  b.t.clock.set("2026-03-02T11:00:00Z");
  const { input, session, relay, say, output: out } = terminal("terminal-ada-together");
  await say("/agenda start demo");
  await relay.tick();
  b.t.clock.advance(30_000);
  await say("/agenda next");
  // The feedback prompt for the session that ended and the next one's start are due at once.
  const mark = out().length;
  await relay.tick();
  expect(since(out(), mark)).toContain('How useful was "Demo: introductions"');
  expect(since(out(), mark)).toContain("▶️ Now: Demo: the big decision");

  const extend = numberOf(out(), { message: "▶️ Now: Demo: the big decision", label: "+5 min" });
  const rateTwo = numberOf(out(), { message: "How useful was", row: "Rate it", label: "2" });
  expect(extend).not.toBe(rateTwo);
  await say(extend);
  expect(out()).toContain('Extended "Demo: the big decision" by 5 min.');
  await say(rateTwo);
  expect(out()).toContain('Thanks — you rated "Demo: introductions" 2/5.');
  // A number printed earlier still presses its own button: the first session's "Next" is stale now.
  const mark2 = out().length;
  await say(numberOf(out(), { message: "▶️ Now: Demo: introductions", label: "Next" }));
  expect(since(out(), mark2)).toContain(
    '⚠ "Demo: introductions" is no longer the current one; now running: "Demo: the big decision".',
  );
  input.end("/quit\n");
  await session.done;
});

it("fills in forms field by field: feedback on the session that ended, errors asked again, cancel", async () => {
  b.t.clock.set("2026-03-02T12:00:00Z");
  const grace = { userId: "grace", displayName: "Grace" };
  const { input, session, relay, say, output: out } = terminal("terminal-grace-forms", grace);
  await say("/agenda start demo");
  await relay.tick();
  b.t.clock.advance(30_000);
  await say("/agenda next");
  await relay.tick();

  // `/feedback` alone: the session is a choice among those that ran, typed by its position; the one
  // the prompt just asked about comes first.
  let mark = out().length;
  await say("/feedback");
  expect(since(out(), mark)).toContain(
    "› Session (Enter: Demo: introductions)  1) Demo: the big decision | 2) Demo: introductions",
  );
  await say("2");
  expect(out()).toContain(
    "› How useful was it? (optional: Enter skips)  1 — not useful | 2 | 3 | 4 | 5 — very useful",
  );
  await say("3");
  expect(out()).toContain("› Comment (optional: Enter skips, at most 2000 characters)");
  await say("");
  expect(out()).toContain('Thanks — you rated "Demo: introductions" 3/5.');

  // "Add a comment" under the prompt: the form for that session, whatever runs now.
  mark = out().length;
  await say(numberOf(out(), { message: "How useful was", label: "Add a comment" }));
  expect(since(out(), mark)).toContain('Feedback on "Demo: introductions"');
  expect(since(out(), mark)).toContain("/cancel closes the form");
  await say("");
  await say("");
  expect(since(out(), mark)).toContain("⚠ How useful was it?: Give a rating, a comment, or both.");
  // A timer message arriving meanwhile is shown, and the question asked again under it.
  b.t.clock.advance(60_000);
  await relay.tick();
  const tail = out()
    .slice(out().lastIndexOf("1 minute left in Demo: the big decision."))
    .trimEnd()
    .split("\n");
  expect(tail.at(-1)).toMatch(/^ {2}› How useful was it\? /);
  await say("seven");
  expect(out()).toContain('⚠ "seven" is not one of the choices.');
  // Only the field in error is asked again; the answers kept for the others go with it.
  await say("5");
  expect(since(out(), mark)).toContain('Thanks — you rated "Demo: introductions" 5/5.');

  mark = out().length;
  await say(numberOf(out(), { message: "How useful was", label: "Add a comment" }));
  await say("4");
  await say("More live demos");
  expect(since(out(), mark)).toContain('Thanks — you rated "Demo: introductions" 4/5, with a comment.');

  const mine = await b.t.database.db
    .select({ item: agendaItems.title, rating: sessionFeedback.rating, comment: sessionFeedback.comment })
    .from(sessionFeedback)
    .innerJoin(agendaItems, eq(agendaItems.id, sessionFeedback.agendaItemId))
    .where(eq(sessionFeedback.person, "console:grace"));
  expect(mine).toEqual([{ item: "Demo: introductions", rating: 4, comment: "More live demos" }]);

  // The capture form: a required field is asked again; /cancel sends nothing.
  mark = out().length;
  await say("/capture");
  expect(since(out(), mark)).toContain("› Kind (Enter: Requirement)  Requirement | ");
  await say("risk");
  expect(out()).toContain("› Text (required, at most 2000 characters)");
  await say("");
  expect(out()).toContain("⚠ Text is needed.");
  // A command typed while a form waits is neither run nor taken for the answer.
  await say("/agenda next");
  expect(out()).toContain("⚠ A form is open: answer it first, or /cancel to close it.");
  expect(out()).not.toContain('Finished "Demo: the big decision"');
  await say("/cancel");
  expect(out()).toContain("Form closed; nothing was sent.");
  await say("/capture");
  await say("risk");
  await say("Nobody has run Kafka in production");
  await say("high");
  expect(out()).toContain("› Timeframe (optional: Enter skips, at most 100 characters)  e.g. Q3 2026");
  await say("");
  expect(out()).toContain("› Owner (optional: Enter skips, at most 200 characters)");
  await say("@priya");
  expect(out()).toContain("› Due by (optional: Enter skips, at most 100 characters)");
  await say("");
  expect(out()).toContain(
    '📝 Grace captured a risk: "Nobody has run Kafka in production" (high priority, owner priya).',
  );
  const captured = await b.t.database.db
    .select({ kind: lineItems.kind, priority: lineItems.priority })
    .from(lineItems)
    .where(eq(lineItems.text, "Nobody has run Kafka in production"));
  expect(captured).toEqual([{ kind: "risk", priority: "high" }]);
  input.end("/quit\n");
  await session.done;
});

it("gives each terminal its own event ids, so one terminal's action is never taken for another's retry", async () => {
  b.t.clock.set("2026-03-02T13:00:00Z");
  const ada = terminal("terminal-shared");
  const bob = terminal("terminal-shared", { userId: "bob", displayName: "Bob" });
  await ada.say("/agenda start demo");
  await bob.say("/agenda status");
  // The same millisecond and the same count of lines typed in each terminal.
  const now = vi.spyOn(Date, "now").mockReturnValue(Date.parse("2026-03-02T13:00:05Z"));
  try {
    await ada.say("/capture risk Ada's risk");
    await bob.say("/capture risk Bob's risk");
  } finally {
    now.mockRestore();
  }
  expect(bob.output()).toContain(`📝 Bob captured a risk: "Bob's risk".`);
  const captured = await b.t.database.db
    .select({ text: lineItems.text })
    .from(lineItems)
    .where(eq(lineItems.kind, "risk"));
  expect(captured.map((c) => c.text)).toEqual(expect.arrayContaining(["Ada's risk", "Bob's risk"]));
  for (const t of [ada, bob]) {
    t.input.end("/quit\n");
    await t.session.done;
  }
});
