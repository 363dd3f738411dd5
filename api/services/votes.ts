import { and, eq, gt, isNull, ne, or } from "drizzle-orm";
import { polls } from "../../db/schema/polls.js";
import { votes } from "../../db/schema/votes.js";
import type { Database, Queryable } from "../../db/types.js";
import { LMH_VALUE } from "../domain/scorecard/scorecard.js";
import { DomainError, type ErrorDetail } from "../errors.js";
import { KeyedBatcher } from "../lib/batcher.js";
import type { CastVotes, CastVotesResult, VoteValue } from "../schemas/poll.js";
import { type AuditBy, auditBy, auditMany } from "./audit.js";
import { actorMayReachOrg, actorName, inScope, type ServiceContext, verifiedActor } from "./context.js";
import type { PollDefinition, PollDefinitions } from "./poll-definitions.js";
import { effectiveClosedAt } from "./polls.js";
import { shownValue, type VoterKeys } from "./voter-key.js";

/** The per-process parts of the vote path: the definition cache and the group-commit writer. */
export interface VotePath {
  definitions: PollDefinitions;
  writer: VoteWriter;
  voterKeys: VoterKeys;
}

interface Row {
  view: string;
  option: string;
  factor: string;
  /** Stored value: 1–3 for L/M/H, 1–5, or 1 for a chosen option; 0 withdraws a choice. */
  value: number;
}

/** Who a vote is from: the person's label, or in an anonymous poll its keyed hash (see voterKey). */
async function voterOf(
  def: PollDefinition,
  keys: VoterKeys,
  ctx: ServiceContext,
  problems: ErrorDetail[],
  prefix: string,
) {
  const { caller, actor } = ctx;
  if (caller.role === "bot" && !actor)
    problems.push({ path: `${prefix}actor`, message: "required for bot tokens" });
  const label = actorName(ctx);
  const by = auditBy(ctx);
  if (def.anonymous) return { voter: await keys.voterKey(def, label), name: "", by };
  return { voter: label, name: actor ? actor.displayName || actor.userId : caller.name, by };
}

/**
 * Checks each vote against the poll; every problem is named (`votes.2.factor`, or under `prefix`:
 * `ballots.3.votes.2.factor`) and pushed to `problems`, so a batch names all of them before anything is written.
 */
function toRows(def: PollDefinition, input: CastVotes, problems: ErrorDetail[], prefix = ""): Row[] {
  const rows: Row[] = [];
  const options = new Set(def.options.map((o) => o.key));
  const factors = new Set(def.factors.map((f) => f.key));
  const onlyFactor = def.factors.length === 1 ? def.factors[0]?.key : undefined;
  input.votes.forEach((v, i) => {
    const at = (field: string, message: string) =>
      problems.push({ path: `${prefix}votes.${i}.${field}`, message });
    if (!options.has(v.option)) at("option", `not an option of this poll (${[...options].join(", ")})`);
    const factor = v.factor ?? (def.kind === "scorecard" ? undefined : onlyFactor);
    if (!factor) at("factor", "required for a scorecard: which factor this vote scores");
    else if (!factors.has(factor)) at("factor", `not a factor of this poll (${[...factors].join(", ")})`);
    let view = "";
    if (def.views.length) {
      if (!v.view) at("view", `required: this poll has the views ${def.views.join(", ")}`);
      else if (!def.views.includes(v.view)) at("view", `not a view of this poll (${def.views.join(", ")})`);
      else view = v.view;
    } else if (v.view) at("view", "this poll has no views");
    const value = storedValue(def, v.value);
    if (value === null) at("value", expected(def));
    rows.push({ view, option: v.option, factor: factor ?? "", value: value ?? 0 });
  });
  if (def.kind === "choice" && !def.multiple) {
    const chosen = input.votes.filter((v) => v.value === true).length;
    if (chosen > 1)
      problems.push({ path: `${prefix}votes`, message: "a single-choice poll takes one chosen option" });
  }
  return rows;
}

function refuseInvalid(problems: ErrorDetail[]): void {
  if (!problems.length) return;
  throw new DomainError(
    "VALIDATION",
    `Invalid vote: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
    problems,
  );
}

function storedValue(def: PollDefinition, value: VoteValue): number | null {
  if (def.scale === "lmh") return typeof value === "string" ? LMH_VALUE[value] : null;
  if (def.scale === "1-5") return typeof value === "number" ? value : null;
  return typeof value === "boolean" ? (value ? 1 : 0) : null;
}

function expected(def: PollDefinition): string {
  if (def.scale === "lmh") return 'expected "L", "M" or "H"';
  if (def.scale === "1-5") return "expected a whole number 1–5";
  return "expected true (chosen) or false (not chosen)";
}

/** One person's votes, checked and keyed: what a ballot becomes before it is written. */
interface Ballot {
  voter: string;
  name: string;
  /** Who cast it, for its audit row: the token and the person it acted for. */
  by: AuditBy;
  rows: Row[];
  /** When it was cast: its votes' time, and the time the poll must still be open at. */
  at: Date;
}

/** One request's ballots: written together or not at all. */
interface Unit {
  def: PollDefinition;
  ballots: Ballot[];
}

/**
 * Writes votes with group commit: the first request on a poll is written at once; the requests that
 * arrive while it is being written wait and are written together, in one statement and one commit,
 * in arrival order. A busy room then costs the database one statement per batch instead of one per
 * vote. Each request still gets its own answer: when a batch finds the poll no longer open (a close,
 * or `closesAt` passed between its votes' times) its requests are written one by one, so each is
 * accepted or refused on its own time, exactly as if it had come alone. One per API process.
 */
export class VoteWriter {
  private readonly batcher: KeyedBatcher<Unit, true>;

  constructor(private readonly database: Database) {
    this.batcher = new KeyedBatcher<Unit, true>((_pollId, units) => this.writeBatch(units), 100);
  }

  write(unit: Unit): Promise<true> {
    return this.batcher.submit(unit.def.id, unit);
  }

  private async writeBatch(units: Unit[]): Promise<PromiseSettledResult<true>[]> {
    const [first] = units;
    const together = units.flatMap((u) => u.ballots);
    if (first && units.length > 1 && (await write(this.database, first.def, together)))
      return units.map(() => ({ status: "fulfilled", value: true }));
    // Alone, or the batch found the poll no longer open: each request on its own, in order.
    const outcomes: PromiseSettledResult<true>[] = [];
    for (const unit of units) outcomes.push(...(await Promise.allSettled([this.writeAlone(unit)])));
    return outcomes;
  }

  private async writeAlone(unit: Unit): Promise<true> {
    if (await write(this.database, unit.def, unit.ballots)) return true;
    return refuse(this.database.db, unit.def.id, unit.ballots[0]?.at ?? new Date());
  }
}

/**
 * Records votes: one per (poll, view, option, factor, voter), a second replacing the first, so a retry
 * counts once. A scorecard or relevance vote is one statement: it takes the poll row FOR SHARE only if
 * the poll is still open at the vote's time, and upserts in the same statement. A close takes the row
 * FOR UPDATE first, so it waits for votes already in flight, and votes that come after it find the
 * poll closed (PostgreSQL re-checks the row once the close commits) and write nothing.
 */
export async function castVotes(
  ctx: ServiceContext,
  input: { pollId: string; ballot: CastVotes; path: VotePath },
): Promise<CastVotesResult> {
  const [result] = await cast(ctx, input.pollId, [input.ballot], input.path, () => "");
  return result as CastVotesResult;
}

/**
 * Several people's votes on one poll at once (a bot coalescing the clicks that arrived while its last
 * write was in flight). All or nothing, like one request: every ballot is checked first (a problem is
 * named `ballots.3.votes.0.option`) and a closed poll refuses them all; then they are written in one
 * statement (one transaction for choice polls), in order, so a person's later ballot wins.
 */
export function castBallots(
  ctx: ServiceContext,
  input: { pollId: string; ballots: readonly CastVotes[]; path: VotePath },
): Promise<CastVotesResult[]> {
  return cast(ctx, input.pollId, input.ballots, input.path, (i) => `ballots.${i}.`);
}

/**
 * Scoping without a query of its own: the cached definition carries the workshop's organisation, and
 * each ballot's person (verified: only bots name one) is checked against the workspace rules, which
 * are remembered for a few seconds (see actorMayReachOrg).
 */
async function cast(
  ctx: ServiceContext,
  pollId: string,
  inputs: readonly CastVotes[],
  path: VotePath,
  prefixOf: (i: number) => string,
): Promise<CastVotesResult[]> {
  const def = await path.definitions.get(ctx.db, pollId);
  if (!def || !inScope(ctx.caller, { id: def.workshopId, orgId: def.orgId }))
    throw new DomainError("NOT_FOUND", `No poll ${pollId}.`);
  const problems: ErrorDetail[] = [];
  const ballots: Ballot[] = [];
  for (const [i, input] of inputs.entries()) {
    const prefix = prefixOf(i);
    const rows = toRows(def, input, problems, prefix);
    const person = { ...ctx, actor: verifiedActor(ctx.caller, input.actor) };
    if (!(await actorMayReachOrg(person, def.orgId)))
      throw new DomainError("NOT_FOUND", `No poll ${pollId}.`);
    ballots.push({ ...(await voterOf(def, path.voterKeys, person, problems, prefix)), rows, at: ctx.now });
  }
  refuseInvalid(problems);
  await path.writer.write({ def, ballots });

  const optionLabel = new Map(def.options.map((o) => [o.key, o.label]));
  const factorName = new Map(def.factors.map((f) => [f.key, f.name]));
  const closesAt = def.closesAt?.toISOString() ?? null;
  return ballots.map((b) => ({
    pollId,
    votes: b.rows.map((r) => ({
      option: r.option,
      optionLabel: optionLabel.get(r.option) ?? r.option,
      factor: r.factor,
      factorName: factorName.get(r.factor) ?? r.factor,
      view: r.view || null,
      value: shownValue(def.scale, r.value),
    })),
    closesAt,
  }));
}

/** Writes ballots if the poll is open at the latest of their times; false (nothing written) if not. */
function write(database: Database, def: PollDefinition, ballots: Ballot[]): Promise<boolean> {
  return def.kind === "choice" ? castChoices(database, def, ballots) : upsertOpen(database, def, ballots);
}

/**
 * The vote statement, one text for any number of votes (so PostgreSQL prepares it once per
 * connection): lock the poll row in share mode if it is open at $2 (the latest vote's time), then
 * upsert every vote and write one audit row per ballot (so a batch costs no extra round trip).
 * $1 poll, $3 the votes as a JSON array (sent as text, which both drivers pass through as it is),
 * $4 the ballots' audit rows as a JSON array, $5 the poll's workshop. A cell voted twice in one batch is sent once, with the later vote (one statement
 * cannot update a row twice).
 */
const UPSERT = `with p as (
    select id from polls
    where id = $1::uuid and closed_at is null and (closes_at is null or closes_at > $2::timestamptz)
    for share
  ), ins as (
  insert into votes (poll_id, view, option_key, factor_key, voter, voter_name, value, voted_at)
  select p.id, v.view, v.option, v.factor, v.voter, v.name, v.value, v.at
  from p cross join json_to_recordset($3::text::json)
    as v(view text, option text, factor text, value smallint, voter text, name text, at timestamptz)
  on conflict (poll_id, view, option_key, factor_key, voter) do update
    set value = excluded.value, voter_name = excluded.voter_name, voted_at = excluded.voted_at
  returning 1 as n
  ), audited as (
  insert into audit_log (at, actor, action, entity_type, entity_id, details, token_id, person, workshop_id)
  select e.at, e.actor, 'vote.cast', 'poll', p.id::text, e.details, e.token_id, e.person, $5::uuid
  from p cross join json_to_recordset($4::text::json)
    as e(at timestamptz, actor text, token_id uuid, person text, details jsonb)
  )
  select n from ins`;

/**
 * Each ballot's audit row (one per person per request, written by the vote's own statement or
 * transaction): the token, the person, and what they voted — in an anonymous poll only how many
 * cells, so the log never ties a person to their votes.
 */
function auditEntries(def: PollDefinition, ballots: readonly Ballot[]) {
  return ballots.map((b) => ({
    at: b.at,
    actor: b.by.actor,
    token_id: b.by.tokenId,
    person: b.by.person,
    details: auditDetails(def, b),
  }));
}

function auditDetails(def: PollDefinition, b: Ballot): Record<string, unknown> {
  return def.anonymous
    ? { anonymous: true, cells: b.rows.length }
    : {
        votes: b.rows.map((r) => ({
          view: r.view || null,
          option: r.option,
          factor: r.factor,
          value: r.value,
        })),
      };
}

async function upsertOpen(database: Database, def: PollDefinition, ballots: Ballot[]): Promise<boolean> {
  const pollId = def.id;
  const latest = new Map<string, object>();
  let last = 0;
  for (const { voter, name, rows, at } of ballots) {
    last = Math.max(last, at.getTime());
    for (const { view, option, factor, value } of rows)
      latest.set(`${view}\u0000${option}\u0000${factor}\u0000${voter}`, {
        view,
        option,
        factor,
        value,
        voter,
        name,
        at,
      });
  }
  const result = await database.preparedRows<{ n: number }>(UPSERT, [
    pollId,
    new Date(last).toISOString(),
    // In key order, so that two statements (two API processes) lock shared rows in the same order.
    JSON.stringify([...latest.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v)),
    JSON.stringify(auditEntries(def, ballots)),
    def.workshopId,
  ]);
  return result.length > 0;
}

/**
 * Choice votes in a transaction holding the open poll FOR SHARE: choosing an option of a single-choice
 * poll drops the voter's other choice (in that view); `false` withdraws a choice.
 */
async function castChoices(database: Database, def: PollDefinition, ballots: Ballot[]): Promise<boolean> {
  const at = new Date(Math.max(...ballots.map((b) => b.at.getTime())));
  return database.db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: polls.id })
      .from(polls)
      .where(
        and(eq(polls.id, def.id), isNull(polls.closedAt), or(isNull(polls.closesAt), gt(polls.closesAt, at))),
      )
      .for("share");
    if (!open) return false;
    for (const { voter, name, rows, at } of ballots)
      for (const r of rows) {
        const mine = and(eq(votes.pollId, def.id), eq(votes.voter, voter), eq(votes.view, r.view));
        if (r.value === 0) {
          await tx
            .delete(votes)
            .where(and(mine, eq(votes.optionKey, r.option), eq(votes.factorKey, r.factor)));
          continue;
        }
        if (!def.multiple) await tx.delete(votes).where(and(mine, ne(votes.optionKey, r.option)));
        await upsert(tx, def.id, r, voter, name, at);
      }
    await auditMany(
      tx,
      ballots.map((b) => ({
        by: b.by,
        workshopId: def.workshopId,
        action: "vote.cast",
        entityType: "poll",
        entityId: def.id,
        details: auditDetails(def, b),
      })),
      at,
    );
    return true;
  });
}

async function upsert(tx: Queryable, pollId: string, r: Row, voter: string, name: string, at: Date) {
  await tx
    .insert(votes)
    .values({
      pollId,
      view: r.view,
      optionKey: r.option,
      factorKey: r.factor,
      voter,
      voterName: name,
      value: r.value,
      votedAt: at,
    })
    .onConflictDoUpdate({
      target: [votes.pollId, votes.view, votes.optionKey, votes.factorKey, votes.voter],
      set: { value: r.value, voterName: name, votedAt: at },
    });
}

/** Nothing was written: say why (the poll is gone, or closed). */
async function refuse(db: Queryable, pollId: string, at: Date): Promise<never> {
  const [row] = await db
    .select({ closedAt: polls.closedAt, closesAt: polls.closesAt })
    .from(polls)
    .where(eq(polls.id, pollId));
  if (!row) throw new DomainError("NOT_FOUND", `No poll ${pollId}.`);
  const closedAt = effectiveClosedAt(row, at) ?? row.closedAt ?? row.closesAt;
  throw new DomainError(
    "CONFLICT",
    `This poll closed${closedAt ? ` at ${closedAt.toISOString()}` : ""}; votes are no longer accepted.`,
  );
}
