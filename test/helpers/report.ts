import { eq } from "drizzle-orm";
import { workshops } from "../../db/schema/workshops.js";
import { SLACK_FACILITATOR, SLACK_STAKEHOLDER, type TestApp } from "./app.js";
import { castVotes, launchPoll, person, runningWorkshop } from "./polls.js";

/** Markup a hostile participant might type; every page must show it as text. */
export const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

/**
 * A workshop as the report sees it mid-way: the first session done with an overrun, items captured
 * (a decision and a risk among them), a closed scorecard, a plan, feedback and the DORA quick check.
 * Titles carry `HOSTILE` markup.
 */
export async function reportFixture(t: TestApp) {
  t.clock.set("2026-03-02T09:00:00Z");
  const w = await runningWorkshop(t, { items: 4 });
  // No rename route: the name is set in place, as a client could have sent it at creation.
  await t.database.db
    .update(workshops)
    .set({ name: `Acme ${HOSTILE}` })
    .where(eq(workshops.id, w.id));
  const capture = (kind: string, text: string) =>
    t.request("POST", `/v1/workshops/${w.id}/items`, {
      token: w.bot,
      body: { actor: SLACK_STAKEHOLDER, kind, text },
    });
  await capture("decision", "Adopt Confluent Cloud for production");
  await capture("risk", `Team lacks Kafka ops skills ${HOSTILE}`);
  await capture("assumption", "Two AWS regions");
  const poll = await launchPoll(t, w, { kind: "scorecard" });
  if (poll.status !== 201) throw new Error(poll.text);
  const options: string[] = poll.json.options.map((o: { key: string }) => o.key);
  const factors: string[] = poll.json.factors.map((f: { key: string }) => f.key);
  const values = ["L", "M", "H", "H", "M"];
  for (const [n, who] of [person("U1"), person("U2"), person("U3")].entries()) {
    const votes = options.flatMap((option, i) =>
      factors.map((factor, j) => ({ option, factor, value: values[(i * 7 + j * 3 + n) % 5] })),
    );
    const res = await castVotes(t, w.bot, poll.json.id, who, votes);
    if (res.status !== 200) throw new Error(res.text);
  }
  const closed = await t.request("POST", `/v1/polls/${poll.json.id}/close`, {
    token: w.bot,
    body: { actor: SLACK_FACILITATOR },
  });
  if (closed.status !== 200) throw new Error(closed.text);
  await t.request("POST", `/v1/workshops/${w.id}/feedback`, {
    token: w.bot,
    body: { actor: SLACK_STAKEHOLDER, sessionId: w.sessionId, rating: 4, comment: `Useful ${HOSTILE}` },
  });
  await t.request("POST", `/v1/workshops/${w.id}/dora-survey`, {
    token: await t.tokenFor("facilitator"),
    body: {
      respondent: "slack:T1:U1",
      answers: { deploymentFrequency: "1w-1m", leadTimeForChanges: "1d-1w" },
    },
  });
  const plan = await t.request("PUT", `/v1/workshops/${w.id}/plan`, {
    body: {
      calendar: { start: "2026-03-09", workdays: [1, 2, 3, 4, 5], holidays: [] },
      deadline: "2026-04-30",
      workPackages: [
        { key: "design", title: `Design ${HOSTILE}`, durationDays: 3, owner: "platform team" },
        {
          key: "docs",
          title: "Docs",
          durationDays: 2,
          dependsOn: [{ key: "design", type: "FS", lagDays: 1 }],
        },
        { key: "build", title: "Build the platform", durationDays: 5, dependsOn: ["design"] },
        {
          key: "go-live",
          title: "Go live",
          durationDays: 0,
          dependsOn: ["build", "docs"],
          deadline: "2026-03-27",
        },
      ],
    },
  });
  if (plan.status !== 200 && plan.status !== 201) throw new Error(plan.text);
  // The first session runs 40 minutes of its 30: a 10-minute overrun.
  t.clock.set("2026-03-02T09:40:00Z");
  await t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
    token: w.bot,
    body: { action: "next", actor: SLACK_FACILITATOR },
  });
  t.clock.set("2026-03-02T09:45:00Z");
  return { ...w, workPackages: ["Design", "Docs", "Build the platform", "Go live"] };
}
