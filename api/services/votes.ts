import { and, eq, gt, isNull, ne, or } from "drizzle-orm";
import { polls } from "../../db/schema/polls.js";
import { votes } from "../../db/schema/votes.js";
import type { Database, Queryable } from "../../db/types.js";
import type { Caller } from "../context.js";
import { LMH_VALUE } from "../domain/scorecard/scorecard.js";
import { DomainError, type ErrorDetail } from "../errors.js";
import type { Actor } from "../schemas/agenda.js";
import type { CastVotes, CastVotesResult, VoteValue } from "../schemas/poll.js";
import { actorLabel } from "./facilitators.js";
import type { PollDefinition, PollDefinitions } from "./poll-definitions.js";
import { effectiveClosedAt } from "./polls.js";
import { shownValue, voterKey } from "./voter-key.js";

export interface CastOptions {
  caller: Caller;
  now: Date;
  definitions: PollDefinitions;
}

interface Row {
  view: string;
  option: string;
  factor: string;
  /** Stored value: 1–3 for L/M/H, 1–5, or 1 for a chosen option; 0 withdraws a choice. */
  value: number;
}

/** Who a vote is from: the person's label, or in an anonymous poll its keyed hash (see voterKey). */
async function voterOf(def: PollDefinition, caller: Caller, actor: Actor | undefined) {
  if (caller.role === "bot" && !actor) {
    throw new DomainError("VALIDATION", "actor: required when a bot votes for someone", [
      { path: "actor", message: "required for bot tokens" },
    ]);
  }
  const label = actorLabel(caller, actor);
  if (def.anonymous) return { voter: await voterKey(def, label), name: "" };
  return { voter: label, name: actor ? actor.displayName || actor.userId : caller.name };
}

/** Checks each vote against the poll; every problem is named (`votes.2.factor`) before anything is written. */
function toRows(def: PollDefinition, input: CastVotes): Row[] {
  const problems: ErrorDetail[] = [];
  const rows: Row[] = [];
  const options = new Set(def.options.map((o) => o.key));
  const factors = new Set(def.factors.map((f) => f.key));
  const onlyFactor = def.factors.length === 1 ? def.factors[0]?.key : undefined;
  input.votes.forEach((v, i) => {
    const at = (field: string, message: string) => problems.push({ path: `votes.${i}.${field}`, message });
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
    if (chosen > 1) problems.push({ path: "votes", message: "a single-choice poll takes one chosen option" });
  }
  if (problems.length) {
    throw new DomainError(
      "VALIDATION",
      `Invalid vote: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
      problems,
    );
  }
  return rows;
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

/**
 * Records votes: one per (poll, view, option, factor, voter), a second replacing the first, so a retry
 * counts once. A scorecard or relevance vote is one statement: it takes the poll row FOR SHARE only if
 * the poll is still open at the vote's time, and upserts in the same statement. A close takes the row
 * FOR UPDATE first, so it waits for votes already in flight, and votes that come after it find the
 * poll closed (PostgreSQL re-checks the row once the close commits) and write nothing.
 */
export async function castVotes(
  database: Database,
  pollId: string,
  input: CastVotes,
  opts: CastOptions,
): Promise<CastVotesResult> {
  const { db } = database;
  const def = await opts.definitions.get(db, pollId);
  if (!def) throw new DomainError("NOT_FOUND", `No poll ${pollId}.`);
  const rows = toRows(def, input);
  const { voter, name } = await voterOf(def, opts.caller, input.actor);
  const at = opts.now;

  const written =
    def.kind === "choice"
      ? await castChoice(database, def, rows, voter, name, at)
      : await upsertOpen(database, pollId, rows, voter, name, at);
  if (!written) await refuse(db, pollId, at);

  const optionLabel = new Map(def.options.map((o) => [o.key, o.label]));
  const factorName = new Map(def.factors.map((f) => [f.key, f.name]));
  return {
    pollId,
    votes: rows.map((r) => ({
      option: r.option,
      optionLabel: optionLabel.get(r.option) ?? r.option,
      factor: r.factor,
      factorName: factorName.get(r.factor) ?? r.factor,
      view: r.view || null,
      value: shownValue(def.scale, r.value),
    })),
    closesAt: def.closesAt?.toISOString() ?? null,
  };
}

/**
 * The vote statement for `n` votes, built once per `n`: lock the poll row in share mode if it is
 * open at the vote's time, then upsert every vote. $1 poll, $2 time, $3 voter, $4 name, then
 * (view, option, factor, value) per vote.
 */
const upsertText = new Map<number, string>();
function upsertStatement(n: number): string {
  let text = upsertText.get(n);
  if (text) return text;
  const values = Array.from({ length: n }, (_, i) => {
    const at = 5 + i * 4;
    return `($${at}::text, $${at + 1}::text, $${at + 2}::text, $${at + 3}::smallint)`;
  }).join(", ");
  text = `with p as (
      select id from polls
      where id = $1::uuid and closed_at is null and (closes_at is null or closes_at > $2::timestamptz)
      for share
    )
    insert into votes (poll_id, view, option_key, factor_key, voter, voter_name, value, voted_at)
    select p.id, v.view, v.option_key, v.factor_key, $3::text, $4::text, v.value, $2::timestamptz
    from p cross join (values ${values}) as v(view, option_key, factor_key, value)
    on conflict (poll_id, view, option_key, factor_key, voter) do update
      set value = excluded.value, voter_name = excluded.voter_name, voted_at = excluded.voted_at
    returning 1 as n`;
  upsertText.set(n, text);
  return text;
}

async function upsertOpen(
  database: Database,
  pollId: string,
  rows: Row[],
  voter: string,
  name: string,
  at: Date,
): Promise<boolean> {
  const params: unknown[] = [pollId, at.toISOString(), voter, name];
  for (const r of rows) params.push(r.view, r.option, r.factor, r.value);
  const result = await database.preparedRows<{ n: number }>(upsertStatement(rows.length), params);
  return result.length > 0;
}

/**
 * Choice votes in a transaction holding the open poll FOR SHARE: choosing an option of a single-choice
 * poll drops the voter's other choice (in that view); `false` withdraws a choice.
 */
async function castChoice(
  database: Database,
  def: PollDefinition,
  rows: Row[],
  voter: string,
  name: string,
  at: Date,
): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: polls.id })
      .from(polls)
      .where(
        and(eq(polls.id, def.id), isNull(polls.closedAt), or(isNull(polls.closesAt), gt(polls.closesAt, at))),
      )
      .for("share");
    if (!open) return false;
    for (const r of rows) {
      const mine = and(eq(votes.pollId, def.id), eq(votes.voter, voter), eq(votes.view, r.view));
      if (r.value === 0) {
        await tx.delete(votes).where(and(mine, eq(votes.optionKey, r.option), eq(votes.factorKey, r.factor)));
        continue;
      }
      if (!def.multiple) await tx.delete(votes).where(and(mine, ne(votes.optionKey, r.option)));
      await upsert(tx, def.id, r, voter, name, at);
    }
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
