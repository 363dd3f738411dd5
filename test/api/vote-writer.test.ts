import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../../api/context.js";
import { systemContext } from "../../api/services/context.js";
import { PollDefinitions } from "../../api/services/poll-definitions.js";
import { VoterKeys } from "../../api/services/voter-key.js";
import { castVotes, VoteWriter } from "../../api/services/votes.js";
import { votes } from "../../db/schema/votes.js";
import type { Database } from "../../db/types.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { launchPoll, person, runningWorkshop } from "../helpers/polls.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set("2026-03-02T09:00:00Z");
});
afterAll(async () => {
  await t.close();
});

const bot: Caller = {
  tokenId: "00000000-0000-4000-8000-000000000001",
  name: "bot",
  role: "bot",
  orgId: null,
  workshopId: null,
};

/** The real database, counting the vote statements sent to it. */
function counted(database: Database) {
  const sent: number[] = [];
  const db: Database = {
    ...database,
    preparedRows: (text, params) => {
      sent.push((JSON.parse(String(params[2])) as unknown[]).length);
      return database.preparedRows(text, params);
    },
  };
  return { db, sent };
}

const rows = (pollId: string) => t.database.db.select().from(votes).where(eq(votes.pollId, pollId));

describe("VoteWriter (group commit)", () => {
  it("writes the votes that arrive while one is being written together, and every request gets its answer", async () => {
    const w = await runningWorkshop(t);
    const pollId = (await launchPoll(t, w, { kind: "scorecard" })).json.id as string;
    const { db, sent } = counted(t.database);
    const path = {
      definitions: new PollDefinitions(),
      writer: new VoteWriter(db),
      voterKeys: new VoterKeys(t.database.db, null),
    };
    const ctx = { ...systemContext(db, t.clock.now()), caller: bot };
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        castVotes(ctx, {
          pollId,
          ballot: { actor: person(`U${i}`), votes: [{ option: "aws-msk", factor: "cost", value: "H" }] },
          path,
        }),
      ),
    );
    expect(results.every((r) => r.votes[0]?.value === "H")).toBe(true);
    expect(await rows(pollId)).toHaveLength(30);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(30);
    expect(sent.length).toBeLessThan(30);
    expect(sent[0]).toBe(1); // the first vote did not wait for company
  });

  it("judges each request on its own time when a batch straddles the poll's closesAt", async () => {
    const w = await runningWorkshop(t);
    const launched = await launchPoll(t, w, { kind: "scorecard", closesAt: "2026-03-02T09:10:00Z" });
    const pollId = launched.json.id as string;
    const writer = new VoteWriter(t.database);
    const definitions = new PollDefinitions();
    const vote = (who: string, at: string) =>
      castVotes(
        { ...systemContext(t.database, new Date(at)), caller: bot },
        {
          pollId,
          ballot: { actor: person(who), votes: [{ option: "aws-msk", factor: "cost", value: "L" }] },
          path: { definitions, writer, voterKeys: new VoterKeys(t.database.db, null) },
        },
      );
    // A is written alone; B (before the close) and C (after it) wait and form one batch.
    const outcomes = await Promise.allSettled([
      vote("UA", "2026-03-02T09:09:58Z"),
      vote("UB", "2026-03-02T09:09:59Z"),
      vote("UC", "2026-03-02T09:10:01Z"),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    const stored = await rows(pollId);
    expect(stored.map((r) => r.voter).sort()).toEqual(["slack:UA", "slack:UB"]);
    expect(stored.find((r) => r.voter === "slack:UB")?.votedAt.toISOString()).toBe(
      "2026-03-02T09:09:59.000Z",
    );
  });
});
