import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { scorecardCsv } from "../domain/export/tables.js";
import { csvAttachment } from "../lib/csv-response.js";
import { idempotencyOf } from "../lib/idempotency.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam, idempotencyHeader, jsonOrCsv } from "../schemas/common.js";
import {
  CastBallots,
  CastBallotsResult,
  CastVotes,
  CastVotesResult,
  CreatePoll,
  Poll,
  PollAction,
  PollIdParam,
  ScorecardQuery,
  ViewerQuery,
  WorkshopScorecard,
} from "../schemas/poll.js";
import { closePoll, createPoll, getPoll, getScorecard, listPolls, revealPoll } from "../services/polls.js";
import { castBallots, castVotes } from "../services/votes.js";

const IdempotencyHeader = idempotencyHeader(
  "A retried launch with the same key returns the first poll (200) instead of a second one",
);

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const create = createRoute({
  method: "post",
  path: "/workshops/{id}/polls",
  tags: ["votes"],
  summary: "Launch a poll: scorecard, relevance of line items, or a choice (facilitators)",
  description:
    "A `scorecard` defaults to the workshop template's options and factors; `relevance` rates the workshop's line " +
    "items; `choice` needs a `title` and `options`. Blind by default: the room sees who has voted, not the " +
    "tallies, until a facilitator reveals or closes it. The poll belongs to the running session (or `sessionId`); " +
    "its cards are posted in that session's thread in every bound channel.",
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    params: IdParam,
    headers: IdempotencyHeader,
    body: { required: true, content: { "application/json": { schema: CreatePoll } } },
  },
  responses: {
    201: json(Poll, "Created"),
    200: json(Poll, "Replayed: this Idempotency-Key already launched this poll"),
    400: errors[400],
    404: errors[404],
    422: errors[422],
    ...authErrors,
  },
});

const list = createRoute({
  method: "get",
  path: "/workshops/{id}/polls",
  tags: ["votes"],
  summary: "The workshop's polls, newest first, as the caller may see them",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam, query: ViewerQuery },
  responses: {
    200: json(z.object({ polls: z.array(Poll) }), "Polls"),
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const get = createRoute({
  method: "get",
  path: "/polls/{pollId}",
  tags: ["votes"],
  summary: "A poll: its state, who has voted, and its results when the caller may see them",
  description:
    "A blind poll's `results` are given before the reveal only to admin and facilitator tokens and to bots whose " +
    "`viewer` facilitates the workshop. An anonymous poll never names its voters: `voters` is null, counts only. " +
    "For a bot with `viewer`, `myVotes` are that person's own votes (anonymous polls included) and " +
    "`viewerFacilitates` whether they may reveal and close, so each person's card can be drawn for them.",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: PollIdParam, query: ViewerQuery },
  responses: {
    200: json(Poll, "The poll"),
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const vote = createRoute({
  method: "put",
  path: "/polls/{pollId}/votes",
  tags: ["votes"],
  summary: "Vote, or change a vote (upsert per poll, view, option, factor and voter)",
  description:
    "Each vote replaces the voter's earlier vote on the same cell, so a retried request counts once. A closed " +
    "poll (or one past its `closesAt`) refuses votes with 409. Bots vote for `actor`; other tokens vote as themselves " +
    "unless they name an `actor`. Values: `L|M|H` for scorecards and L/M/H relevance, 1–5 for 1–5 relevance, " +
    "true/false for choices (true on a single-choice poll replaces the voter's other choice; false withdraws).",
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    params: PollIdParam,
    body: { required: true, content: { "application/json": { schema: CastVotes } } },
  },
  responses: {
    200: json(CastVotesResult, "Recorded"),
    400: errors[400],
    404: errors[404],
    409: errors[409],
    ...authErrors,
  },
});

const ballots = createRoute({
  method: "post",
  path: "/polls/{pollId}/ballots",
  tags: ["votes"],
  summary: "Several people's votes at once (bots batching the clicks that arrive together)",
  description:
    "Each ballot is the body of `PUT /v1/polls/{pollId}/votes` and means the same; the batch is all or nothing, like " +
    "one request: a problem in any ballot is a 400 naming it (`ballots.3.votes.0.option`) and a closed poll a 409, and " +
    "then nothing is written. Ballots are applied in order, so a person's later ballot on the same cell wins. Baton's " +
    "bots send the clicks that arrived while their previous write to the same poll was in flight as one batch.",
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    params: PollIdParam,
    body: { required: true, content: { "application/json": { schema: CastBallots } } },
  },
  responses: {
    200: json(CastBallotsResult, "Recorded, one result per ballot"),
    400: errors[400],
    404: errors[404],
    409: errors[409],
    ...authErrors,
  },
});

const stateChange = <A extends "reveal" | "close">(action: A) =>
  createRoute({
    method: "post",
    path: `/polls/{pollId}/${action}`,
    tags: ["votes"],
    summary:
      action === "reveal"
        ? "Reveal a blind poll's tallies to the room (facilitators)"
        : "Close a poll: no more votes; results for everyone (facilitators)",
    description:
      action === "reveal"
        ? "Idempotent. Voting goes on until the poll is closed; every channel's cards are updated to the results."
        : "Idempotent. Every vote accepted before the close is kept and none after it: the close waits for votes " +
          "in flight, and later ones get 409. Every channel's cards are updated to the final results.",
    security: bearer,
    middleware: [requireRole("facilitator", "bot")] as const,
    request: {
      params: PollIdParam,
      body: { required: false, content: { "application/json": { schema: PollAction } } },
    },
    responses: {
      200: json(Poll, action === "reveal" ? "Revealed" : "Closed"),
      400: errors[400],
      404: errors[404],
      ...authErrors,
    },
  });

const scorecard = createRoute({
  method: "get",
  path: "/workshops/{id}/scorecard",
  tags: ["votes"],
  summary: "The scorecard: per cell counts and mean, option scores, the recommendation and its gaps",
  description:
    "L = 1, M = 2, H = 3; lower-is-better factors count 4 − v. A cell's score is the mean of its votes; an " +
    "option's score is the weighted mean of its voted cells (unvoted cells are left out, the weights renormalised; " +
    "`coverage` says how much weight was voted on). The recommendation is the highest option (all of them when " +
    "tied, in the poll's order); its gaps are factors scoring below 2. A cell voted both L and H is a disagreement. " +
    "One result per view (production, pre-prod) when the poll has views. 409 while the poll is blind to the caller.",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam, query: ScorecardQuery },
  responses: {
    200: jsonOrCsv(
      WorkshopScorecard,
      "The scorecard",
      "One row per cell (view × option × factor) with its option's score",
    ),
    400: errors[400],
    404: errors[404],
    409: errors[409],
    ...authErrors,
  },
});

export const pollRoutes = createRouter()
  .openapi(create, async (c) => {
    const input = c.req.valid("json");
    const { poll, replayed } = await createPoll(serviceContext(c, input.actor), {
      workshopId: c.req.valid("param").id,
      poll: input,
      idempotency: await idempotencyOf(c, input),
    });
    return replayed ? c.json(poll, 200) : c.json(poll, 201);
  })
  .openapi(list, async (c) => {
    const polls = await listPolls(serviceContext(c), {
      workshopId: c.req.valid("param").id,
      viewer: c.req.valid("query").viewer,
      voterKeys: c.get("voterKeys"),
    });
    return c.json({ polls }, 200);
  })
  .openapi(get, async (c) => {
    const poll = await getPoll(serviceContext(c), {
      pollId: c.req.valid("param").pollId,
      viewer: c.req.valid("query").viewer,
      voterKeys: c.get("voterKeys"),
    });
    return c.json(poll, 200);
  })
  .openapi(vote, async (c) => {
    // The hot path: `c.get` rather than `c.var`, which copies every variable on each access.
    const result = await castVotes(serviceContext(c), {
      pollId: c.req.valid("param").pollId,
      ballot: c.req.valid("json"),
      path: {
        definitions: c.get("pollDefinitions"),
        writer: c.get("voteWriter"),
        voterKeys: c.get("voterKeys"),
      },
    });
    return c.json(result, 200);
  })
  .openapi(ballots, async (c) => {
    const results = await castBallots(serviceContext(c), {
      pollId: c.req.valid("param").pollId,
      ballots: c.req.valid("json").ballots,
      path: {
        definitions: c.get("pollDefinitions"),
        writer: c.get("voteWriter"),
        voterKeys: c.get("voterKeys"),
      },
    });
    return c.json({ results }, 200);
  })
  .openapi(stateChange("reveal"), async (c) => {
    const poll = await revealPoll(serviceContext(c, c.req.valid("json")?.actor), {
      pollId: c.req.valid("param").pollId,
      clock: c.var.deps.now,
    });
    return c.json(poll, 200);
  })
  .openapi(stateChange("close"), async (c) => {
    const poll = await closePoll(serviceContext(c, c.req.valid("json")?.actor), {
      pollId: c.req.valid("param").pollId,
      clock: c.var.deps.now,
    });
    return c.json(poll, 200);
  })
  .openapi(scorecard, async (c) => {
    const query = c.req.valid("query");
    const result = await getScorecard(serviceContext(c), {
      workshopId: c.req.valid("param").id,
      viewer: query.viewer,
      pollId: query.pollId,
      voterKeys: c.get("voterKeys"),
    });
    if (query.format === "csv") return csvAttachment(c, result.workshopId, "scorecard", scorecardCsv(result));
    return c.json(result, 200);
  });
