import { z } from "@hono/zod-openapi";
import { POLL_KINDS } from "../../db/schema/polls.js";
import { assignKeys, KEY_RE, VIEW_RE } from "../domain/scorecard/keys.js";
import { Actor } from "./agenda.js";
import { ExportFormat } from "./common.js";

export const PollKind = z.enum(POLL_KINDS).openapi({
  description:
    "`scorecard`: options × factors, L/M/H; `relevance`: line items rated L/M/H or 1–5; `choice`: single or multiple choice",
});

export const Key = z
  .string()
  .regex(KEY_RE, {
    message: "must be 1–40 lowercase letters, digits, - or _, starting with a letter or digit",
  })
  .openapi({ example: "aws-msk" });

export const ViewName = z
  .string()
  .regex(VIEW_RE, {
    message: "must be 1–20 lowercase letters, digits, - or _, starting with a letter or digit",
  })
  .openapi({ example: "production" });

const Label = z.string().trim().min(1).max(200);

export const PollOptionInput = z
  .union([Label, z.strictObject({ key: Key.optional(), label: Label })], {
    error: "expected a label or {key?, label}",
  })
  .openapi("PollOptionInput", { description: "A label (its key is made from it) or {key, label}" });

export const Polarity = z.enum(["higher-is-better", "lower-is-better"]);

export const PollFactorInput = z
  .strictObject({
    key: Key.optional(),
    name: z.string().trim().min(1).max(300),
    polarity: Polarity.default("higher-is-better"),
    weight: z
      .number()
      .gt(0, { message: "must be more than 0" })
      .max(100)
      .default(1)
      .openapi({ description: "Relative weight in the option's score" }),
  })
  .openapi("PollFactorInput");

const optionLabel = (o: z.infer<typeof PollOptionInput>) => (typeof o === "string" ? o : o.label);
const optionKey = (o: z.infer<typeof PollOptionInput>) => (typeof o === "string" ? undefined : o.key);

export const CreatePoll = z
  .strictObject({
    kind: PollKind,
    title: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .optional()
      .openapi({ description: "The question; required for `choice`" }),
    options: z.array(PollOptionInput).min(2).max(25).optional().openapi({
      description:
        "`scorecard`: the platform options (default: the workshop template's); `choice`: the answers (required)",
    }),
    factors: z
      .array(PollFactorInput)
      .min(1)
      .max(15)
      .optional()
      .openapi({ description: "`scorecard` only (default: the template's seven factors, weight 1)" }),
    items: z.array(z.uuid()).min(1).max(50).optional().openapi({
      description:
        "`relevance` only: the line items to rate (default: the workshop's, oldest first, up to 50)",
    }),
    scale: z
      .enum(["lmh", "1-5"])
      .optional()
      .openapi({ description: "`relevance` only: L/M/H (default) or 1–5" }),
    multiple: z.boolean().optional().openapi({ description: "`choice` only: several answers may be chosen" }),
    views: z.array(ViewName).min(1).max(4).optional().openapi({
      description:
        '`scorecard` only: score each cell once per view, e.g. ["production", "pre-prod"]; the scorecard has one result per view',
    }),
    anonymous: z
      .boolean()
      .default(false)
      .openapi({ description: "Nobody, facilitators included, can see who voted; only counts" }),
    blind: z.boolean().default(true).openapi({
      description: "Tallies stay hidden from the room until a facilitator reveals or closes the poll",
    }),
    closesAt: z.iso.datetime().optional().openapi({ description: "Votes are refused from this instant on" }),
    closesInMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    sessionId: z.uuid().optional().openapi({
      description:
        "The session it belongs to; its cards post in that session's thread in every bound channel. Default: the running session, if any",
    }),
    actor: Actor.optional().openapi({ description: "Required for bot tokens: the facilitator launching it" }),
  })
  .superRefine((body, ctx) => {
    const refuse = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const only = (field: keyof typeof body, kinds: string[]) => {
      if (body[field] !== undefined && !kinds.includes(body.kind))
        refuse(field, `only for ${kinds.join(" or ")} polls, not ${body.kind}`);
    };
    only("factors", ["scorecard"]);
    only("views", ["scorecard"]);
    only("items", ["relevance"]);
    only("scale", ["relevance"]);
    only("multiple", ["choice"]);
    only("options", ["scorecard", "choice"]);
    if (body.kind === "choice") {
      if (!body.options) refuse("options", "required for choice polls: at least two answers");
      if (!body.title) refuse("title", "required for choice polls: the question");
    }
    if (body.closesAt && body.closesInMinutes)
      refuse("closesInMinutes", "give closesAt or closesInMinutes, not both");
    if (body.views && new Set(body.views).size !== body.views.length)
      refuse("views", "each view at most once");
    if (body.options) {
      const { duplicates } = assignKeys(
        body.options.map((o) => ({ key: optionKey(o), label: optionLabel(o) })),
      );
      for (const i of duplicates)
        ctx.addIssue({ code: "custom", path: ["options", i], message: "repeats an earlier option" });
    }
    if (body.factors) {
      const { duplicates } = assignKeys(body.factors.map((f) => ({ key: f.key, label: f.name })));
      for (const i of duplicates)
        ctx.addIssue({ code: "custom", path: ["factors", i], message: "repeats an earlier factor" });
    }
    if (body.items && new Set(body.items).size !== body.items.length)
      refuse("items", "each item at most once");
  })
  .openapi("CreatePoll");
export type CreatePoll = z.infer<typeof CreatePoll>;

export const PollOption = z.object({ key: z.string(), label: z.string() }).openapi("PollOption");
export const PollFactor = z
  .object({ key: z.string(), name: z.string(), polarity: Polarity, weight: z.number() })
  .openapi("PollFactor");

export const Voter = z
  .object({ platform: z.string(), userId: z.string(), displayName: z.string() })
  .openapi("Voter", { description: "Never given for anonymous polls" });
export type Voter = z.infer<typeof Voter>;

const Lmh = z.enum(["L", "M", "H"]);

export const ScorecardCell = z
  .object({
    option: z.string(),
    factor: z.string(),
    counts: z.object({ L: z.number().int(), M: z.number().int(), H: z.number().int() }),
    votes: z.number().int(),
    mean: z.number().nullable().openapi({ description: "Of the votes as cast, L = 1 … H = 3" }),
    score: z
      .number()
      .nullable()
      .openapi({ description: "The mean read higher-is-better: 4 − mean for lower-is-better" }),
    disagreement: z.boolean().openapi({ description: "The votes span L to H" }),
  })
  .openapi("ScorecardCell");

export const ScorecardView = z
  .object({
    view: z.string().nullable().openapi({ description: "The view's name; null for a poll without views" }),
    cells: z.array(ScorecardCell),
    options: z.array(
      z.object({
        option: z.string(),
        label: z.string(),
        score: z.number().nullable().openapi({ description: "Weighted mean of the scored cells" }),
        rank: z.number().int().nullable(),
        votes: z.number().int(),
        coverage: z.number().openapi({ description: "Share of the factor weight that has votes, 0–1" }),
      }),
    ),
    recommended: z
      .array(
        z.object({
          option: z.string(),
          label: z.string(),
          score: z.number(),
          gaps: z.array(z.string()).openapi({ description: "Factor keys scoring below 2" }),
          unscored: z.array(z.string()).openapi({ description: "Factor keys without votes" }),
        }),
      )
      .openapi({ description: "The highest option; several when tied; empty without votes" }),
    tie: z.boolean(),
    evidence: z
      .object({
        scoredFactors: z.number().int().openapi({ description: "Factors scored for the recommended option" }),
        factors: z.number().int(),
        minCellVotes: z
          .number()
          .int()
          .openapi({ description: "Fewest votes on a scored cell of the recommended option(s)" }),
        thin: z
          .boolean()
          .openapi({ description: "A factor is unscored, or a scored cell has fewer than 3 votes" }),
        note: z.string().openapi({
          example:
            "Thin: 2 of 7 factors scored for Kafka OSS, 1 vote on its least-voted factor. Treat the recommendation as provisional.",
        }),
      })
      .openapi({ description: "How much the recommendation rests on" }),
  })
  .openapi("ScorecardView");
export type ScorecardView = z.infer<typeof ScorecardView>;

export const RankedItem = z
  .object({
    option: z.string(),
    label: z.string(),
    votes: z.number().int(),
    counts: z.record(z.string(), z.number().int()),
    mean: z.number().nullable(),
    normalized: z.number().nullable().openapi({ description: "(mean − 1) / (top − 1), 0–1" }),
    rank: z.number().int().nullable(),
  })
  .openapi("RankedItem");

export const ChoiceTally = z
  .object({
    option: z.string(),
    label: z.string(),
    count: z.number().int(),
    share: z.number().openapi({ description: "Of the poll's voters, 0–1" }),
    rank: z.number().int().nullable(),
  })
  .openapi("ChoiceTally");

export const PollResults = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("scorecard"), views: z.array(ScorecardView) }),
    z.object({ kind: z.literal("relevance"), scale: z.enum(["lmh", "1-5"]), ranking: z.array(RankedItem) }),
    z.object({ kind: z.literal("choice"), voters: z.number().int(), tallies: z.array(ChoiceTally) }),
  ])
  .openapi("PollResults");
export type PollResults = z.infer<typeof PollResults>;

export const PollState = z.enum(["open", "revealed", "closed"]);

export const VoteValue = z
  .union([Lmh, z.number().int().min(1).max(5), z.boolean()], {
    error: 'expected "L", "M" or "H", a rating 1–5, or true/false for a choice',
  })
  .openapi({ description: "`L|M|H` (scorecard, L/M/H relevance), 1–5 (1–5 relevance), true/false (choice)" });
export type VoteValue = z.infer<typeof VoteValue>;

export const MyVote = z
  .object({
    option: z.string(),
    factor: z.string(),
    view: z.string().nullable(),
    value: VoteValue,
  })
  .openapi("MyVote", { description: "One of the viewer's own votes" });
export type MyVote = z.infer<typeof MyVote>;

export const Poll = z
  .object({
    id: z.uuid(),
    workshopId: z.uuid(),
    sessionId: z.uuid().nullable(),
    kind: PollKind,
    title: z.string(),
    options: z.array(PollOption),
    factors: z.array(PollFactor),
    views: z.array(z.string()),
    scale: z.enum(["lmh", "1-5", "choice"]),
    multiple: z.boolean(),
    anonymous: z.boolean(),
    blind: z.boolean(),
    state: PollState,
    closesAt: z.iso.datetime().nullable(),
    revealedAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    voterCount: z.number().int().openapi({ description: "People who cast at least one vote" }),
    voters: z.array(Voter).nullable().openapi({ description: "Who has voted; null for anonymous polls" }),
    optionVoters: z
      .array(
        z.object({
          option: z.string(),
          view: z.string().nullable(),
          voterCount: z.number().int(),
          voters: z.array(Voter).nullable(),
        }),
      )
      .openapi({ description: "Who has voted on each option (and view): what each option's card shows" }),
    talliesVisible: z.boolean().openapi({
      description:
        "Whether `results` are given to this caller: always once revealed or closed, or for a poll that is not blind; before that only for admin and facilitator tokens and bots whose `viewer` facilitates the workshop",
    }),
    results: PollResults.nullable(),
    myVotes: z
      .array(MyVote)
      .nullable()
      .openapi({
        description:
          "For a bot token with `viewer`: that person's own votes, so a card can mark them. Also on anonymous polls: " +
          "found by the same keyed hash the votes are stored under, they are only ever the viewer's own. Null otherwise",
      }),
    viewerFacilitates: z.boolean().nullable().openapi({
      description:
        "For a bot token with `viewer`: whether that person facilitates the workshop (may reveal and close). Null otherwise",
    }),
    messages: z
      .array(
        z.object({ platform: z.string(), channelId: z.string(), ref: z.record(z.string(), z.unknown()) }),
      )
      .openapi({ description: "Where the poll's cards were posted (for bots updating them)" }),
  })
  .openapi("Poll");
export type Poll = z.infer<typeof Poll>;

export const ViewerQuery = z.object({
  viewer: z
    .string()
    .regex(/^(slack|teams|console|api):.{1,200}$/, {
      message: "must be <platform>:<userId>, e.g. slack:U123",
    })
    .optional()
    .openapi({
      param: { name: "viewer", in: "query" },
      description:
        "For bot tokens: the chat user who will see the answer (`slack:U123`). Tallies of a blind poll are given before the reveal only when that user facilitates the workshop.",
      example: "slack:U0123ABC",
    }),
});

export const VoteInput = z
  .strictObject({
    option: Key,
    factor: Key.optional().openapi({
      description: "Scorecard: the factor; other polls have one and need none",
    }),
    view: ViewName.optional().openapi({ description: "Required when the poll has views" }),
    value: VoteValue,
  })
  .openapi("VoteInput");

export const CastVotes = z
  .strictObject({
    actor: Actor.optional().openapi({ description: "Required for bot tokens: the person voting" }),
    votes: z.array(VoteInput).min(1).max(200),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.votes.forEach((v, i) => {
      const k = `${v.view ?? ""}\u0000${v.option}\u0000${v.factor ?? ""}`;
      if (seen.has(k))
        ctx.addIssue({
          code: "custom",
          path: ["votes", i],
          message: "the same option, factor and view twice",
        });
      seen.add(k);
    });
  })
  .openapi("CastVotes");
export type CastVotes = z.infer<typeof CastVotes>;

export const CastBallots = z
  .strictObject({
    ballots: z.array(CastVotes).min(1).max(500).openapi({
      description: "Each person's votes, as the body of `PUT /v1/polls/{pollId}/votes`; later ballots win",
    }),
  })
  .openapi("CastBallots");
export type CastBallots = z.infer<typeof CastBallots>;

export const CastVotesResult = z
  .object({
    pollId: z.uuid(),
    votes: z.array(
      z.object({
        option: z.string(),
        optionLabel: z.string(),
        factor: z.string(),
        factorName: z.string(),
        view: z.string().nullable(),
        value: VoteValue,
      }),
    ),
    closesAt: z.iso.datetime().nullable(),
  })
  .openapi("CastVotesResult");
export type CastVotesResult = z.infer<typeof CastVotesResult>;

export const CastBallotsResult = z
  .object({ results: z.array(CastVotesResult).openapi({ description: "One per ballot, in order" }) })
  .openapi("CastBallotsResult");

export const PollAction = z
  .strictObject({
    actor: Actor.optional().openapi({ description: "Required for bot tokens: a facilitator" }),
  })
  .openapi("PollAction");

export const PollIdParam = z.object({
  pollId: z.uuid().openapi({ param: { name: "pollId", in: "path" } }),
});

export const ScorecardQuery = ViewerQuery.extend({
  format: ExportFormat,
  pollId: z
    .uuid()
    .optional()
    .openapi({
      param: { name: "pollId", in: "query" },
      description: "Which scorecard poll; default the workshop's latest",
    }),
});

export const WorkshopScorecard = z
  .object({
    workshopId: z.uuid(),
    pollId: z.uuid(),
    title: z.string(),
    state: PollState,
    scale: z.array(z.string()).openapi({ example: ["L", "M", "H"] }),
    options: z.array(PollOption),
    factors: z.array(PollFactor),
    voterCount: z.number().int(),
    views: z.array(ScorecardView),
  })
  .openapi("WorkshopScorecard");
export type WorkshopScorecard = z.infer<typeof WorkshopScorecard>;
