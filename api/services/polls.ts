import { and, asc, count, desc, eq, inArray, max } from "drizzle-orm";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { channelBindings } from "../../db/schema/channel-bindings.js";
import { lineItems } from "../../db/schema/line-items.js";
import { type PollKind, type PollRow, polls } from "../../db/schema/polls.js";
import { timerEvents } from "../../db/schema/timer-events.js";
import { votes } from "../../db/schema/votes.js";
import { workshopFacilitators } from "../../db/schema/workshop-facilitators.js";
import type { Queryable } from "../../db/types.js";
import type { Caller } from "../context.js";
import { tallyChoice } from "../domain/scorecard/choice.js";
import { assignKeys } from "../domain/scorecard/keys.js";
import { rankRelevance } from "../domain/scorecard/relevance.js";
import {
  computeScorecard,
  type ScorecardFactor,
  type ScorecardOption,
} from "../domain/scorecard/scorecard.js";
import { DEFAULT_TEMPLATE_ID, TEMPLATES } from "../domain/templates/index.js";
import { DomainError, isUniqueViolation } from "../errors.js";
import { assertSameRequest, type Idempotency } from "../lib/idempotency.js";
import type {
  CreatePoll,
  MyVote,
  Poll,
  PollResults,
  ScorecardView,
  Voter,
  WorkshopScorecard,
} from "../schemas/poll.js";
import { audit } from "./audit.js";
import { actorName, loadWorkshop, onDb, type ServiceContext, verifiedViewer } from "./context.js";
import { assertCanFacilitate } from "./facilitators.js";
import { schedulePollEvents } from "./poll-events.js";
import { shownValue, type VoterKeys } from "./voter-key.js";

export type PollState = "open" | "revealed" | "closed";

/** When the poll stopped taking votes: when it was closed, or its `closesAt` once that has passed. */
export function effectiveClosedAt(row: Pick<PollRow, "closedAt" | "closesAt">, now: Date): Date | null {
  return row.closedAt ?? (row.closesAt && row.closesAt.getTime() <= now.getTime() ? row.closesAt : null);
}

export function pollState(row: Pick<PollRow, "closedAt" | "closesAt" | "revealedAt">, now: Date): PollState {
  if (effectiveClosedAt(row, now)) return "closed";
  return row.revealedAt ? "revealed" : "open";
}

/** "slack:U123" → the voter; a token ("token:<id>") shows as platform "api". */
export function toVoter(label: string, displayName: string): Voter {
  const at = label.indexOf(":");
  const platform = label.slice(0, at);
  return {
    platform: platform === "token" ? "api" : platform,
    userId: label.slice(at + 1),
    displayName,
  };
}

/** Whether `viewer` ("teams:<id>", the chat user a bot answers for) facilitates the workshop. */
async function facilitates(db: Queryable, workshopId: string, viewer: string): Promise<boolean> {
  const at = viewer.indexOf(":");
  const [row] = await db
    .select({ userId: workshopFacilitators.userId })
    .from(workshopFacilitators)
    .where(
      and(
        eq(workshopFacilitators.workshopId, workshopId),
        eq(workshopFacilitators.platform, viewer.slice(0, at)),
        eq(workshopFacilitators.userId, viewer.slice(at + 1)),
      ),
    );
  return Boolean(row);
}

/**
 * Who may see a blind poll's tallies before it is revealed or closed: admin and facilitator tokens,
 * and a bot whose `viewer` (the chat user the answer is for) facilitates the workshop. A bot without
 * a viewer, a pm or an ingest token sees who voted, not how.
 */
async function mayPeek(db: Queryable, workshopId: string, caller: Caller, viewer?: string): Promise<boolean> {
  if (caller.role === "admin" || caller.role === "facilitator") return true;
  if (caller.role !== "bot" || !viewer) return false;
  return facilitates(db, workshopId, viewer);
}

/** Whether this caller may see the poll's tallies now. */
export async function resultsVisible(
  db: Queryable,
  row: PollRow,
  opts: { caller: Caller; viewer?: string | undefined; now: Date },
): Promise<boolean> {
  return (
    !row.blind || pollState(row, opts.now) !== "open" || mayPeek(db, row.workshopId, opts.caller, opts.viewer)
  );
}

/**
 * The viewer's own votes, found by the same voter key they were stored under (a keyed hash in an
 * anonymous poll), so they are shown to that person alone and never name anyone else. Only for bot
 * tokens: the bot votes for people and answers each of them about their own card.
 */
async function viewerVotes(
  db: Queryable,
  row: PollRow,
  viewer: string,
  keys: VoterKeys | undefined,
): Promise<MyVote[]> {
  if (row.anonymous && !keys) throw new Error("viewerVotes: an anonymous poll needs the app's voter keys");
  const voter = keys ? await keys.voterKey(row, viewer) : viewer;
  const rows = await db
    .select({ view: votes.view, option: votes.optionKey, factor: votes.factorKey, value: votes.value })
    .from(votes)
    .where(and(eq(votes.pollId, row.id), eq(votes.voter, voter)))
    .orderBy(asc(votes.view), asc(votes.optionKey), asc(votes.factorKey));
  return rows.map((r) => ({
    option: r.option,
    factor: r.factor,
    view: r.view || null,
    value: shownValue(row.scale, r.value),
  }));
}

export interface ViewOptions {
  caller: Caller;
  viewer?: string | undefined;
  now: Date;
  /** The app's voter keys, to find a viewer's own votes in an anonymous poll. */
  voterKeys?: VoterKeys | undefined;
  /** False: leave out the viewer's own votes (a service that needs only what the viewer may see). */
  ownVotes?: boolean | undefined;
}

/** The poll as this caller may see it (DESIGN section 6: blind until revealed; anonymous never names voters). */
export async function buildPollView(db: Queryable, row: PollRow, opts: ViewOptions): Promise<Poll> {
  const state = pollState(row, opts.now);
  // A bot's viewer: whether they facilitate decides both their peek and their controls (one query).
  const viewer = opts.caller.role === "bot" ? opts.viewer : undefined;
  const facilitator = viewer ? await facilitates(db, row.workshopId, viewer) : null;
  const talliesVisible =
    facilitator === null
      ? await resultsVisible(db, row, opts)
      : !row.blind || state !== "open" || facilitator;
  const voterRows = await db
    .select({
      voter: votes.voter,
      name: max(votes.voterName),
      view: votes.view,
      option: votes.optionKey,
    })
    .from(votes)
    .where(eq(votes.pollId, row.id))
    .groupBy(votes.voter, votes.view, votes.optionKey)
    .orderBy(asc(votes.voter));
  const anonymous = row.anonymous;
  const everyone = new Map<string, string>();
  const perCard = new Map<string, Map<string, string>>();
  for (const r of voterRows) {
    everyone.set(r.voter, r.name ?? "");
    const card = `${r.view}\u0000${r.option}`;
    const names = perCard.get(card) ?? new Map<string, string>();
    names.set(r.voter, r.name ?? "");
    perCard.set(card, names);
  }
  const list = (m: Map<string, string> | undefined): Voter[] | null =>
    anonymous ? null : [...(m ?? new Map<string, string>())].map(([label, name]) => toVoter(label, name));
  const views = row.views.length ? row.views : [""];
  const optionVoters = views.flatMap((view) =>
    row.options.map((o) => {
      const m = perCard.get(`${view}\u0000${o.key}`);
      return { option: o.key, view: view || null, voterCount: m?.size ?? 0, voters: list(m) };
    }),
  );
  const closedAt = effectiveClosedAt(row, opts.now);
  return {
    id: row.id,
    workshopId: row.workshopId,
    sessionId: row.agendaItemId,
    kind: row.kind,
    title: row.title,
    options: row.options,
    factors: row.factors,
    views: row.views,
    scale: row.scale,
    multiple: row.multiple,
    anonymous,
    blind: row.blind,
    state,
    closesAt: row.closesAt?.toISOString() ?? null,
    revealedAt: row.revealedAt?.toISOString() ?? null,
    closedAt: closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    voterCount: everyone.size,
    voters: list(everyone),
    optionVoters,
    talliesVisible,
    results: talliesVisible ? await pollResults(db, row, everyone.size) : null,
    myVotes: viewer && opts.ownVotes !== false ? await viewerVotes(db, row, viewer, opts.voterKeys) : null,
    viewerFacilitates: facilitator,
    messages: await pollMessages(db, row.id),
  };
}

async function pollMessages(db: Queryable, pollId: string): Promise<Poll["messages"]> {
  const rows = await db
    .select({
      platform: channelBindings.platform,
      channelId: channelBindings.channelId,
      ref: timerEvents.messageRef,
    })
    .from(timerEvents)
    .innerJoin(channelBindings, eq(channelBindings.id, timerEvents.bindingId))
    .where(
      and(eq(timerEvents.pollId, pollId), eq(timerEvents.kind, "poll"), eq(timerEvents.status, "delivered")),
    )
    .orderBy(asc(timerEvents.deliveredAt));
  return rows.map((r) => ({ platform: r.platform, channelId: r.channelId, ref: r.ref ?? {} }));
}

/** The tallies, pre-aggregated in SQL and computed by the pure domain functions. */
async function pollResults(db: Queryable, row: PollRow, voters: number): Promise<PollResults> {
  const counts = await db
    .select({
      view: votes.view,
      option: votes.optionKey,
      factor: votes.factorKey,
      value: votes.value,
      count: count(),
    })
    .from(votes)
    .where(eq(votes.pollId, row.id))
    .groupBy(votes.view, votes.optionKey, votes.factorKey, votes.value);
  return RESULTS[row.kind](row, counts, voters);
}

type VoteCounts = { view: string; option: string; factor: string; value: number; count: number }[];

/**
 * Each kind's results from the vote counts. A table by kind (not an if-chain): a new poll kind is a
 * type error here until it says how it is tallied, instead of quietly counting as the last branch.
 */
const RESULTS: Record<PollKind, (row: PollRow, counts: VoteCounts, voters: number) => PollResults> = {
  scorecard: (row, counts) => ({ kind: "scorecard", views: scorecardViews(row, counts) }),
  relevance: (row, counts) => {
    const scale = row.scale === "1-5" ? "1-5" : "lmh";
    return { kind: "relevance", scale, ranking: rankRelevance({ options: row.options, scale, counts }) };
  },
  choice: (row, counts, voters) => ({
    kind: "choice",
    voters,
    tallies: tallyChoice({ options: row.options, counts, voters }),
  }),
};

function scorecardViews(
  row: Pick<PollRow, "views" | "options" | "factors">,
  counts: { view: string; option: string; factor: string; value: number; count: number }[],
): ScorecardView[] {
  const views = row.views.length ? row.views : [""];
  return views.map((view) => ({
    view: view || null,
    ...computeScorecard({
      options: row.options,
      factors: row.factors,
      counts: counts
        .filter((c) => c.view === view && c.value >= 1 && c.value <= 3)
        .map((c) => ({ option: c.option, factor: c.factor, value: c.value as 1 | 2 | 3, count: c.count })),
    }),
  }));
}

async function getPollRow(db: Queryable, pollId: string, lock = false): Promise<PollRow> {
  const q = db.select().from(polls).where(eq(polls.id, pollId));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new DomainError("NOT_FOUND", `No poll ${pollId}.`);
  return row;
}

/** A poll reached by its own id: a 404 unless its workshop is one the caller may reach (see loadWorkshop). */
async function loadPoll(ctx: ServiceContext, pollId: string, lock = false): Promise<PollRow> {
  const row = await getPollRow(ctx.db, pollId, lock);
  try {
    await loadWorkshop(ctx, row.workshopId);
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND")
      throw new DomainError("NOT_FOUND", `No poll ${pollId}.`);
    throw err;
  }
  return row;
}

/** How the caller sees polls: as itself, or (a bot) as the person named by `viewer`. */
function viewOptions(
  ctx: ServiceContext,
  viewer: string | undefined,
  voterKeys: VoterKeys | undefined,
): ViewOptions {
  return { caller: ctx.caller, viewer: verifiedViewer(ctx.caller, viewer), now: ctx.now, voterKeys };
}

export async function getPoll(
  ctx: ServiceContext,
  input: { pollId: string; viewer?: string | undefined; voterKeys?: VoterKeys | undefined },
): Promise<Poll> {
  return buildPollView(
    ctx.db,
    await loadPoll(ctx, input.pollId),
    viewOptions(ctx, input.viewer, input.voterKeys),
  );
}

const RELEVANCE_FACTOR: ScorecardFactor = {
  key: "relevance",
  name: "Relevance",
  polarity: "higher-is-better",
  weight: 1,
};
const MAX_RELEVANCE_ITEMS = 50;

export interface CreatePollInput {
  workshopId: string;
  poll: CreatePoll;
  idempotency?: Idempotency | undefined;
}

/**
 * Creates a poll in the given session (default: the one running). When it has a session, its cards
 * are written as `poll` timer messages for every bound channel, so relays post them in the session's
 * thread; a `closesAt` also writes the `poll_close` messages that announce the close.
 */
export async function createPoll(
  ctx: ServiceContext,
  { workshopId, poll: input, idempotency }: CreatePollInput,
): Promise<{ poll: Poll; replayed: boolean }> {
  const db = ctx.db;
  const opts = { now: ctx.now, idempotency };
  const view = (row: PollRow) => buildPollView(db, row, { caller: ctx.caller, now: opts.now });
  try {
    const created = await ctx.database.db.transaction(async (tx) => {
      const t = onDb(ctx, tx);
      const workshop = await loadWorkshop(t, workshopId);
      await assertCanFacilitate(t, workshopId);
      const previous = await replayIn(tx, workshopId, opts.idempotency);
      if (previous) return { row: previous, replayed: true };

      const session = await resolveSession(tx, workshopId, input.sessionId);
      const definition = await pollDefinition(tx, workshopId, workshop.templateId, input);
      const closesAt = input.closesAt
        ? new Date(input.closesAt)
        : input.closesInMinutes
          ? new Date(opts.now.getTime() + input.closesInMinutes * 60_000)
          : null;
      if (closesAt && closesAt.getTime() <= opts.now.getTime()) {
        throw new DomainError("VALIDATION", "closesAt: must be in the future", [
          { path: "closesAt", message: "must be in the future" },
        ]);
      }
      const actor = actorName(ctx);
      const [row] = await tx
        .insert(polls)
        .values({
          workshopId,
          agendaItemId: session?.id ?? null,
          ...definition,
          anonymous: input.anonymous,
          blind: input.blind,
          closesAt,
          createdBy: actor,
          createdAt: opts.now,
          idempotencyKey: opts.idempotency?.key ?? null,
          requestHash: opts.idempotency?.requestHash ?? null,
        })
        .returning();
      if (!row) throw new Error("insert returned no row");
      if (session) {
        await schedulePollEvents(tx, row, "poll", opts.now, opts.now);
        if (closesAt) await schedulePollEvents(tx, row, "poll_close", closesAt, opts.now);
      }
      await audit(tx, ctx, {
        workshopId,
        action: "poll.create",
        entityType: "poll",
        entityId: row.id,
        details: { workshopId, kind: row.kind, title: row.title, sessionId: row.agendaItemId },
      });
      return { row, replayed: false };
    });
    return { poll: await view(created.row), replayed: created.replayed };
  } catch (err) {
    // Two deliveries of one launch raced: the loser answers with the winner's poll.
    if (opts.idempotency && isUniqueViolation(err)) {
      const row = await replayIn(db, workshopId, opts.idempotency);
      if (row) return { poll: await view(row), replayed: true };
    }
    throw err;
  }
}

/** The poll an earlier request with this key launched; a 422 if that request asked for something else. */
async function replayIn(
  tx: Queryable,
  workshopId: string,
  idempotency: Idempotency | undefined,
): Promise<PollRow | null> {
  if (!idempotency) return null;
  const [row] = await tx
    .select()
    .from(polls)
    .where(and(eq(polls.workshopId, workshopId), eq(polls.idempotencyKey, idempotency.key)));
  if (row) assertSameRequest(row.requestHash, idempotency);
  return row ?? null;
}

async function resolveSession(tx: Queryable, workshopId: string, sessionId: string | undefined) {
  if (sessionId) {
    const [item] = await tx
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.id, sessionId), eq(agendaItems.workshopId, workshopId)));
    if (!item) {
      throw new DomainError("NOT_FOUND", `No session ${sessionId} in this workshop.`, [
        { path: "sessionId", message: "not an agenda item of this workshop" },
      ]);
    }
    return item;
  }
  const [current] = await tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.workshopId, workshopId), inArray(agendaItems.state, ["running", "paused"])));
  return current ?? null;
}

type Definition = Pick<PollRow, "kind" | "title" | "options" | "factors" | "views" | "scale" | "multiple">;

function pollDefinition(
  tx: Queryable,
  workshopId: string,
  templateId: string | null,
  input: CreatePoll,
): Promise<Definition> {
  return DEFINITIONS[input.kind](tx, workshopId, templateId, input);
}

const labelled = (items: { key?: string | undefined; label: string }[]): ScorecardOption[] => {
  const { keys } = assignKeys(items);
  return items.map((o, i) => ({ key: keys[i] as string, label: o.label }));
};
const optionsOf = (raw: NonNullable<CreatePoll["options"]>) =>
  labelled(raw.map((o) => (typeof o === "string" ? { label: o } : o)));

/**
 * What each kind of poll is made of, from the request. A table by kind, like RESULTS: a new kind is a
 * type error until it is defined here.
 */
const DEFINITIONS: Record<
  PollKind,
  (tx: Queryable, workshopId: string, templateId: string | null, input: CreatePoll) => Promise<Definition>
> = {
  async scorecard(_tx, _workshopId, templateId, input) {
    const template = TEMPLATES[templateId ?? DEFAULT_TEMPLATE_ID] ?? TEMPLATES[DEFAULT_TEMPLATE_ID];
    const factorsIn: {
      key?: string | undefined;
      name: string;
      polarity: ScorecardFactor["polarity"];
      weight: number;
    }[] = input.factors ?? (template?.scorecard.factors ?? []).map((f) => ({ ...f, weight: 1 }));
    const { keys } = assignKeys(factorsIn.map((f) => ({ key: f.key, label: f.name })));
    return {
      kind: "scorecard",
      title: input.title ?? "Scorecard",
      options: input.options
        ? optionsOf(input.options)
        : labelled((template?.scorecard.options ?? []).map((label) => ({ label }))),
      factors: factorsIn.map((f, i) => ({
        key: keys[i] as string,
        name: f.name,
        polarity: f.polarity,
        weight: f.weight,
      })),
      views: input.views ?? [],
      scale: "lmh",
      multiple: false,
    };
  },
  async relevance(tx, workshopId, _templateId, input) {
    const rows = await tx
      .select()
      .from(lineItems)
      .where(
        and(
          eq(lineItems.workshopId, workshopId),
          input.items ? inArray(lineItems.id, input.items) : undefined,
        ),
      )
      .orderBy(asc(lineItems.createdAt), asc(lineItems.id));
    if (input.items) {
      const found = new Set(rows.map((r) => r.id));
      const missing = input.items.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
      if (missing.length) {
        throw new DomainError(
          "NOT_FOUND",
          `No line item ${missing.map((m) => m.id).join(", ")} in this workshop.`,
          missing.map((m) => ({ path: `items.${m.i}`, message: "not a line item of this workshop" })),
        );
      }
    }
    if (rows.length === 0) {
      throw new DomainError(
        "UNPROCESSABLE",
        "There are no line items to rate yet: capture some first (`/capture requirement …`).",
      );
    }
    if (rows.length > MAX_RELEVANCE_ITEMS) {
      throw new DomainError(
        "UNPROCESSABLE",
        `This workshop has ${rows.length} line items; a relevance poll rates at most ${MAX_RELEVANCE_ITEMS}. Pass \`items\`.`,
        [{ path: "items", message: `at most ${MAX_RELEVANCE_ITEMS}` }],
      );
    }
    return {
      kind: "relevance",
      title: input.title ?? "Relevance of the line items",
      options: rows.map((r) => ({ key: r.id, label: `${r.kind}: ${truncate(r.text, 150)}` })),
      factors: [RELEVANCE_FACTOR],
      views: [],
      scale: input.scale ?? "lmh",
      multiple: false,
    };
  },
  async choice(_tx, _workshopId, _templateId, input) {
    return {
      kind: "choice",
      title: input.title ?? "",
      options: optionsOf(input.options ?? []),
      factors: [{ key: "choice", name: input.title ?? "Choice", polarity: "higher-is-better", weight: 1 }],
      views: [],
      scale: "choice",
      multiple: input.multiple ?? false,
    };
  },
};

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface PollActionInput {
  pollId: string;
  /** Read after the poll row is locked, so a close is later than every vote it let through. */
  clock: () => Date;
}

/**
 * Reveals a blind poll's tallies to the room. Idempotent; a closed poll is already revealed. Writes
 * `poll_reveal` messages so every channel's cards are updated to the results.
 */
export async function revealPoll(ctx: ServiceContext, input: PollActionInput): Promise<Poll> {
  return changePollState(ctx, input, "reveal");
}

/**
 * Closes a poll: from this instant on, votes are refused. The poll row is locked FOR UPDATE before the
 * clock is read, and every vote takes it FOR SHARE in its own statement, so no vote can be accepted
 * after the close, nor carry a later timestamp than it. Idempotent. The `poll_close` messages (moved
 * to now when the poll had a `closesAt`) announce the results in every channel.
 */
export async function closePoll(ctx: ServiceContext, input: PollActionInput): Promise<Poll> {
  return changePollState(ctx, input, "close");
}

async function changePollState(
  ctx: ServiceContext,
  { pollId, clock }: PollActionInput,
  change: "reveal" | "close",
): Promise<Poll> {
  const { row, now } = await ctx.database.db.transaction(async (tx) => {
    const t = onDb(ctx, tx);
    const locked = await loadPoll(t, pollId, true);
    await assertCanFacilitate(t, locked.workshopId);
    const now = clock();
    const state = pollState(locked, now);
    if (state === "closed" || (change === "reveal" && state === "revealed")) return { row: locked, now };
    const patch = change === "close" ? { closedAt: now } : { revealedAt: now };
    const [updated] = await tx.update(polls).set(patch).where(eq(polls.id, pollId)).returning();
    const row = updated ?? locked;
    await schedulePollEvents(tx, row, change === "close" ? "poll_close" : "poll_reveal", now, now);
    await audit(
      tx,
      { ...ctx, now },
      {
        workshopId: row.workshopId,
        action: `poll.${change}`,
        entityType: "poll",
        entityId: pollId,
        details: { workshopId: row.workshopId },
      },
    );
    return { row, now };
  });
  return buildPollView(ctx.db, row, { caller: ctx.caller, now });
}

/** The workshop's latest scorecard poll (or the one asked for), computed; 409 while it is blind to this caller. */
export async function getScorecard(
  ctx: ServiceContext,
  input: {
    workshopId: string;
    viewer?: string | undefined;
    pollId?: string | undefined;
    voterKeys?: VoterKeys | undefined;
    ownVotes?: boolean | undefined;
  },
): Promise<WorkshopScorecard> {
  const { db } = ctx;
  const { workshopId } = input;
  const opts = {
    ...viewOptions(ctx, input.viewer, input.voterKeys),
    pollId: input.pollId,
    ownVotes: input.ownVotes,
  };
  await loadWorkshop(ctx, workshopId);
  const [row] = await db
    .select()
    .from(polls)
    .where(
      and(
        eq(polls.workshopId, workshopId),
        eq(polls.kind, "scorecard"),
        opts.pollId ? eq(polls.id, opts.pollId) : undefined,
      ),
    )
    .orderBy(desc(polls.createdAt), desc(polls.id))
    .limit(1);
  if (!row) {
    throw new DomainError(
      "NOT_FOUND",
      opts.pollId
        ? `No scorecard poll ${opts.pollId} in this workshop.`
        : "This workshop has no scorecard poll yet: launch one with `/agenda poll scorecard` or POST …/polls.",
    );
  }
  const poll = await buildPollView(db, row, opts);
  if (poll.results?.kind !== "scorecard") {
    throw new DomainError(
      "CONFLICT",
      "The scorecard is blind until a facilitator reveals or closes the poll; you can see who has voted with GET /v1/polls/{pollId}.",
    );
  }
  return {
    workshopId,
    pollId: row.id,
    title: row.title,
    state: poll.state,
    scale: ["L", "M", "H"],
    options: row.options,
    factors: row.factors,
    voterCount: poll.voterCount,
    views: poll.results.views,
  };
}

/** The workshop's polls, newest first, each as the caller may see it. */
export async function listPolls(
  ctx: ServiceContext,
  input: { workshopId: string; viewer?: string | undefined; voterKeys?: VoterKeys | undefined },
): Promise<Poll[]> {
  const { db } = ctx;
  const { workshopId } = input;
  const opts = viewOptions(ctx, input.viewer, input.voterKeys);
  await loadWorkshop(ctx, workshopId);
  const rows = await db
    .select()
    .from(polls)
    .where(eq(polls.workshopId, workshopId))
    .orderBy(desc(polls.createdAt), desc(polls.id));
  return Promise.all(rows.map((row) => buildPollView(db, row, opts)));
}
