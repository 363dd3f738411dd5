import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, SLACK_FACILITATOR, SLACK_STAKEHOLDER, type TestApp } from "../helpers/app.js";
import { castVotes, launchPoll, runningWorkshop } from "../helpers/polls.js";

// A PM takes the scorecard, the line items and the feedback to a spreadsheet: `?format=csv`, one row
// per thing, UTF-8 with a byte-order mark, as an attachment; an unknown format is a 400 naming them.

let t: TestApp;
let pm: string;
beforeAll(async () => {
  t = await createTestApp();
  pm = await t.tokenFor("pm");
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.set("2026-03-02T09:00:00Z");
});

/** The CSV body's rows, split on CRLF (quoted line breaks kept); `text()` has already dropped the BOM. */
function rows(text: string): string[] {
  return text.split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter(Boolean);
}

/** The body's first bytes as sent: a UTF-8 byte-order mark (EF BB BF), so Excel reads UTF-8. */
async function startsWithBom(path: string): Promise<boolean> {
  const res = await t.app.request(path, { headers: { Authorization: `Bearer ${pm}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

describe("CSV exports", () => {
  it("gives the revealed scorecard one row per cell, with its option's score and the recommendation", async () => {
    const w = await runningWorkshop(t);
    const poll = await launchPoll(t, w, { kind: "scorecard", actor: SLACK_FACILITATOR });
    const pollId = poll.json.id as string;
    await castVotes(t, w.bot, pollId, SLACK_STAKEHOLDER, [
      { option: "aws-msk", factor: "cost", value: "H" },
      { option: "confluent-cloud", factor: "cost", value: "L" },
    ]);
    const blind = await t.request("GET", `/v1/workshops/${w.id}/scorecard?format=csv`, { token: pm });
    expect(blind.status).toBe(409);
    await t.request("POST", `/v1/polls/${pollId}/reveal`, {
      token: w.bot,
      body: { actor: SLACK_FACILITATOR },
    });

    const res = await t.request("GET", `/v1/workshops/${w.id}/scorecard?format=csv`, { token: pm });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="w-[a-z0-9]+-scorecard\.csv"$/,
    );
    expect(await startsWithBom(`/v1/workshops/${w.id}/scorecard?format=csv`)).toBe(true);
    const lines = rows(res.text);
    expect(lines[0]).toBe(
      "view,option,optionLabel,factor,factorName,lowerIsBetter,weight,L,M,H,votes,mean,score,disagreement,optionScore,optionRank,recommended",
    );
    expect(lines).toHaveLength(1 + 5 * 7);
    // Cost is lower-is-better: an H costs the option, an L makes it the recommendation (score 4 − 1 = 3).
    expect(lines.find((l) => l.includes(",aws-msk,") && l.includes(",cost,"))).toMatch(
      /^,aws-msk,[^,]+,cost,[^,]+,true,1,0,0,1,1,3,1,false,1,2,false$/,
    );
    expect(lines.find((l) => l.includes(",confluent-cloud,") && l.includes(",cost,"))).toMatch(
      /^,confluent-cloud,[^,]+,cost,[^,]+,true,1,1,0,0,1,1,3,false,3,1,true$/,
    );
  });

  it("gives line items one row each, accents intact and formulas defused", async () => {
    const w = await runningWorkshop(t);
    for (const text of [
      "Données en Région Île-de-France",
      "=HYPERLINK(evil)",
      'Two "regions", one line\nand a break',
    ])
      await t.request("POST", `/v1/workshops/${w.id}/items`, {
        token: w.bot,
        body: { actor: SLACK_STAKEHOLDER, kind: "requirement", text, priority: "high" },
      });
    const res = await t.request("GET", `/v1/workshops/${w.id}/items?format=csv`, { token: pm });
    expect(res.status).toBe(200);
    expect(await startsWithBom(`/v1/workshops/${w.id}/items?format=csv`)).toBe(true);
    const lines = rows(res.text);
    expect(lines[0]).toBe(
      "id,kind,text,session,priority,timeframe,author,createdAt,updatedAt,relevanceRank,relevanceMean,relevanceVotes",
    );
    expect(lines).toHaveLength(4);
    // Captured at the same instant, so in no particular order among themselves.
    expect(lines.slice(1)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^[0-9a-f-]{36},requirement,Données en Région Île-de-France,Session 1,high,,/),
        expect.stringContaining(",requirement,'=HYPERLINK(evil),Session 1,"),
        expect.stringContaining(',requirement,"Two ""regions"", one line\nand a break",Session 1,'),
      ]),
    );
  });

  it("gives feedback one row per session, comments without their authors", async () => {
    const w = await runningWorkshop(t);
    const agenda = await t.request("GET", `/v1/workshops/${w.id}/agenda`, { token: pm });
    const sessionId = agenda.json.items[0].id as string;
    await t.request("POST", `/v1/workshops/${w.id}/feedback`, {
      token: w.bot,
      body: { actor: SLACK_STAKEHOLDER, sessionId, rating: 4, comment: "Très utile" },
    });
    const res = await t.request("GET", `/v1/workshops/${w.id}/feedback?format=csv`, { token: pm });
    expect(res.status).toBe(200);
    expect(await startsWithBom(`/v1/workshops/${w.id}/feedback?format=csv`)).toBe(true);
    const lines = rows(res.text);
    expect(lines[0]).toBe("sessionId,session,state,ratings,mean,rated1,rated2,rated3,rated4,rated5,comments");
    expect(lines[1]).toBe(`${sessionId},Session 1,running,1,4,0,0,0,1,0,Très utile`);
    expect(res.text).not.toContain(SLACK_STAKEHOLDER.userId);
  });

  it.each(["scorecard", "items", "feedback"])(
    "refuses an unknown format on %s, naming the ones it has",
    async (what) => {
      const w = await runningWorkshop(t);
      const res = await t.request("GET", `/v1/workshops/${w.id}/${what}?format=xlsx`, { token: pm });
      expect(res.status).toBe(400);
      expect(res.json.error.details).toEqual([
        { path: "format", message: expect.stringMatching(/json.*csv/) },
      ]);
    },
  );
});
