import { describe, expect, it } from "vitest";
import {
  decodeFeedback,
  decodePollControl,
  decodeVote,
  encodeFeedback,
  encodePollControl,
  encodeVote,
} from "../../../bot/core/action-ids.js";
import { parseCaptureCommand } from "../../../bot/core/capture-command.js";
import { parsePollCommand } from "../../../bot/core/poll-command.js";

describe("/agenda poll …", () => {
  it.each([
    ["scorecard", { kind: "scorecard" }],
    ["Scorecard views production,pre-prod", { kind: "scorecard", views: ["production", "pre-prod"] }],
    [
      "scorecard views=production,pre-prod anonymous",
      { kind: "scorecard", views: ["production", "pre-prod"], anonymous: true },
    ],
    ["scorecard open closes in 15m", { kind: "scorecard", blind: false, closesInMinutes: 15 }],
    ["relevance 1-5", { kind: "relevance", scale: "1-5" }],
    ["relevance anon 10min", { kind: "relevance", anonymous: true, closesInMinutes: 10 }],
    [
      'choice "Which region first?" "eu-west-1" “us-east-1” multiple',
      { kind: "choice", title: "Which region first?", options: ["eu-west-1", "us-east-1"], multiple: true },
    ],
  ])("%s", (text, poll) => {
    expect(parsePollCommand(text)).toEqual({ kind: "launch", poll });
  });

  it.each([
    ["", /Which kind of poll/],
    ["survey", /Which kind of poll/],
    ['choice "Only a question?"', /at least two answers/],
    ['choice "Q?" "a', /closing quote is missing/],
    ["scorecard views Pre Prod", /short names/],
    ["relevance views a,b", /`views` is for scorecards/],
    ["scorecard multiple", /`multiple` is for choice polls/],
    ["scorecard 0m", /1 to 1440 minutes/],
    ["scorecard please", /didn't understand "please"/],
  ])("refuses %j", (text, message) => {
    const parsed = parsePollCommand(text);
    expect(parsed.kind).toBe("error");
    expect(parsed.kind === "error" && parsed.message).toMatch(message);
  });
});

describe("/capture …", () => {
  it.each([
    ["requirement Schema registry", { kind: "requirement", text: "Schema registry" }],
    ["req: Schema registry", { kind: "requirement", text: "Schema registry" }],
    [
      "Assumption We stay on AWS priority:high",
      { kind: "assumption", text: "We stay on AWS", priority: "high" },
    ],
    ["risk Skills gap p:med by:Q3", { kind: "risk", text: "Skills gap", priority: "medium", by: "Q3" }],
    [
      'decision Use MSK when:"before go-live" !low',
      { kind: "decision", text: "Use MSK", priority: "low", timeframe: "before go-live" },
    ],
    [
      "risk Only one engineer knows Kafka owner: @priya by: end of April",
      { kind: "risk", text: "Only one engineer knows Kafka", owner: "priya", by: "end of April" },
    ],
    [
      "issue Broker disks fill up owner: <@U123|sam> by: 2026-12-20 priority: high",
      { kind: "issue", text: "Broker disks fill up", owner: "sam", by: "2026-12-20", priority: "high" },
    ],
    [
      "dependency Network team opens the ports owner: <at>Priya Patel</at> due: friday",
      { kind: "dependency", text: "Network team opens the ports", owner: "Priya Patel", by: "friday" },
    ],
    [
      "assumption We stay on AWS owner: Platform team",
      { kind: "assumption", text: "We stay on AWS", owner: "Platform team" },
    ],
    ["gaps No DR plan", { kind: "gap", text: "No DR plan" }],
  ])("%s", (text, item) => {
    expect(parseCaptureCommand(text)).toEqual({ kind: "capture", item });
  });

  it.each([
    ["risk Skills gap owner:", /Who owns it/],
    ["risk Skills gap by:", /By when/],
    ["risk owner: sam", /What is the risk/],
    ["risk Skills gap priority: urgent", /high, medium or low/],
  ])("refuses %j in words", (text, message) => {
    const parsed = parseCaptureCommand(text);
    expect(parsed.kind === "error" && parsed.message).toMatch(message);
  });

  it("opens the form with nothing, helps with help", () => {
    expect(parseCaptureCommand("  ")).toEqual({ kind: "form" });
    expect(parseCaptureCommand("help")).toEqual({ kind: "help" });
  });
});

describe("button action ids", () => {
  it("round-trip votes, poll controls and feedback, and stay within Slack's 255 characters", () => {
    const vote = {
      pollId: "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f",
      option: "a".repeat(40),
      factor: "f".repeat(40),
      view: "v".repeat(20),
      value: "H",
    };
    expect(encodeVote(vote).length).toBeLessThanOrEqual(255);
    expect(decodeVote(encodeVote(vote))).toEqual(vote);
    expect(decodePollControl(encodePollControl("reveal", vote.pollId))).toEqual({
      action: "reveal",
      pollId: vote.pollId,
    });
    const fb = { workshopId: "w", itemId: "i", rating: 4 };
    expect(decodeFeedback(encodeFeedback(fb))).toEqual(fb);
    expect(decodeFeedback(encodeFeedback({ ...fb, rating: "comment" }))).toEqual({
      ...fb,
      rating: "comment",
    });
  });

  it.each(["vote:p:o:f:v:X", "vote:p:o:f:v", "poll:delete:p", "fb:w:i:6", "agenda:next:w:i"])(
    "rejects %s",
    (id) => {
      expect([decodeVote(id), decodePollControl(id), decodeFeedback(id)]).toEqual([null, null, null]);
    },
  );
});
