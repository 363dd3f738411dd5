import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "../../bot/api-client.js";
import { ApiError } from "../../bot/core/api.js";
import { votes } from "../../db/schema/votes.js";
import { createTestApp, SLACK_FACILITATOR, type TestApp } from "../helpers/app.js";
import { launchPoll, person, runningWorkshop } from "../helpers/polls.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set("2026-03-02T09:00:00Z");
});
afterAll(async () => {
  await t.close();
});

/** The in-process client, with every request it makes recorded as "METHOD path". */
async function recordingClient() {
  const seen: string[] = [];
  const api = createApiClient({
    token: await t.tokenFor("bot"),
    fetch: (req) => {
      seen.push(`${req.method} ${new URL(req.url).pathname.replace(/[0-9a-f-]{36}/, ":id")}`);
      return t.app.fetch(req);
    },
  });
  return { api, seen };
}

async function scorecard() {
  const w = await runningWorkshop(t);
  const pollId = (await launchPoll(t, w, { kind: "scorecard" })).json.id as string;
  return { w, pollId };
}

const rows = (pollId: string) => t.database.db.select().from(votes).where(eq(votes.pollId, pollId));

describe("the API client's votes", () => {
  it("go one request at a time per poll: what arrives meanwhile is one batch, each caller getting its own result", async () => {
    const { pollId } = await scorecard();
    const { api, seen } = await recordingClient();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.castVotes(pollId, person(`U${i}`), [
          { option: "aws-msk", factor: "cost", value: "LMH"[i % 3] as "L" },
        ]),
      ),
    );
    expect(seen).toEqual(["PUT /v1/polls/:id/votes", "POST /v1/polls/:id/ballots"]);
    expect(results.map((r) => r.votes[0]?.value)).toEqual(Array.from({ length: 20 }, (_, i) => "LMH"[i % 3]));
    expect(await rows(pollId)).toHaveLength(20);
  });

  it("keep a person's order: their last click is the vote that stays", async () => {
    const { pollId } = await scorecard();
    const { api } = await recordingClient();
    const who = person("UORDER");
    await Promise.all(
      (["L", "M", "H", "M"] as const).map((value) =>
        api.castVotes(pollId, who, [{ option: "aws-msk", factor: "cost", value }]),
      ),
    );
    expect((await rows(pollId)).map((r) => r.value)).toEqual([2]);
  });

  it("retry an invalid batch ballot by ballot, so only the invalid vote fails", async () => {
    const { pollId } = await scorecard();
    const { api, seen } = await recordingClient();
    const outcomes = await Promise.allSettled([
      api.castVotes(pollId, person("U1"), [{ option: "aws-msk", factor: "cost", value: "L" }]),
      api.castVotes(pollId, person("U2"), [{ option: "aws-msk", factor: "cost", value: "M" }]),
      api.castVotes(pollId, person("U3"), [{ option: "kinesis", factor: "cost", value: "M" }]),
      api.castVotes(pollId, person("U4"), [{ option: "aws-msk", factor: "cost", value: "H" }]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const failed = outcomes[2] as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(ApiError);
    expect(failed.reason).toMatchObject({ code: "VALIDATION", status: 400 });
    expect(failed.reason.message).toContain("votes.0.option");
    expect(seen).toEqual([
      "PUT /v1/polls/:id/votes",
      "POST /v1/polls/:id/ballots",
      "PUT /v1/polls/:id/votes",
      "PUT /v1/polls/:id/votes",
      "PUT /v1/polls/:id/votes",
    ]);
    expect((await rows(pollId)).map((r) => r.voter).sort()).toEqual(["slack:U1", "slack:U2", "slack:U4"]);
  });

  it("are all refused once the poll is closed", async () => {
    const { w, pollId } = await scorecard();
    await t.request("POST", `/v1/polls/${pollId}/close`, {
      token: w.bot,
      body: { actor: SLACK_FACILITATOR },
    });
    const { api } = await recordingClient();
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map((i) =>
        api.castVotes(pollId, person(`U${i}`), [{ option: "aws-msk", factor: "cost", value: "L" }]),
      ),
    );
    for (const o of outcomes) {
      expect(o.status).toBe("rejected");
      expect((o as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT", status: 409 });
    }
    expect(await rows(pollId)).toHaveLength(0);
  });
});
