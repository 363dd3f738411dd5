import { and, eq, inArray, isNotNull, or, type SQL, sql } from "drizzle-orm";
import { agendaActions } from "../../db/schema/agenda-actions.js";
import { auditLog } from "../../db/schema/audit-log.js";
import { channelBindings } from "../../db/schema/channel-bindings.js";
import { doraSurveyAnswers } from "../../db/schema/dora-survey-answers.js";
import { lineItems } from "../../db/schema/line-items.js";
import { polls } from "../../db/schema/polls.js";
import { sessionFeedback } from "../../db/schema/session-feedback.js";
import { votes } from "../../db/schema/votes.js";
import { workshopFacilitators } from "../../db/schema/workshop-facilitators.js";
import type { Queryable } from "../../db/types.js";
import { randomSecret } from "../lib/crypto.js";
import type { ErasureResult, PersonExport, PersonRef } from "../schemas/people.js";
import { audit } from "./audit.js";
import { toAuditEntry } from "./audit-log.js";
import type { ServiceContext } from "./context.js";
import type { VoterKeys } from "./voter-key.js";

/** What replaces the text of a line item whose author asked to be erased. */
export const ERASED_TEXT = "(removed at the author's request)";
/** What replaces a name or an identifier inside free-form JSON (audit details, conversation references). */
const ERASED = "[erased]";

/**
 * The labels a person is stored under: `slack:U123` (votes, feedback, line items, audit) and
 * `slack:T1:U123` (with the workspace, as the DORA quick check's respondents are written).
 */
export function personLabels(p: PersonRef): string[] {
  return [`${p.platform}:${p.userId}`, `${p.platform}:${p.workspaceId}:${p.userId}`];
}

interface Identity {
  labels: string[];
  userId: string;
  /** Display names found beside the person's rows: they name the person too. */
  names: Set<string>;
}

/** The keys the person's votes have in anonymous polls (computable only with the server's secret). */
async function anonymousKeys(db: Queryable, keys: VoterKeys, labels: string[]): Promise<string[]> {
  const rows = await db
    .select({ id: polls.id, anonymous: polls.anonymous, voterKeyVersion: polls.voterKeyVersion })
    .from(polls)
    .where(eq(polls.anonymous, true));
  const out: string[] = [];
  for (const row of rows) for (const label of labels) out.push(await keys.voterKey(row, label));
  return out;
}

/** Whether a JSON value names the person: one of their labels, their user id or a name of theirs. */
function names(id: Identity, value: string): boolean {
  return value === id.userId || id.names.has(value) || id.labels.some((l) => value.includes(l));
}

/**
 * A JSON value without the person: an object that *is* them (an actor or a Teams `user` whose id,
 * userId or aadObjectId is theirs) is dropped, and any string naming them becomes "[erased]".
 */
export function scrub(value: unknown, id: Identity): unknown {
  if (typeof value === "string") return names(id, value) ? ERASED : value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, id)).filter((v) => v !== undefined);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    for (const k of ["id", "userId", "aadObjectId"])
      if (typeof o[k] === "string" && (o[k] === id.userId || id.labels.includes(o[k] as string)))
        return undefined;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      const s = scrub(v, id);
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
  return value;
}

/** Rows of a jsonb column whose text may name the person (then checked exactly by `scrub`). */
function mentions(column: SQL | typeof auditLog.details, id: Identity): SQL {
  const needles = [id.userId, ...id.labels, ...id.names].filter((n) => n.length > 0);
  return or(
    ...needles.map((n) => sql`strpos(${column}::text, ${JSON.stringify(n).slice(1, -1)}) > 0`),
  ) as SQL;
}

async function collect(db: Queryable, keys: VoterKeys, p: PersonRef) {
  const labels = personLabels(p);
  const anon = await anonymousKeys(db, keys, labels);
  const voteRows = await db
    .select({
      pollId: votes.pollId,
      workshopId: polls.workshopId,
      pollTitle: polls.title,
      anonymous: polls.anonymous,
      view: votes.view,
      option: votes.optionKey,
      factor: votes.factorKey,
      value: votes.value,
      voterName: votes.voterName,
      votedAt: votes.votedAt,
    })
    .from(votes)
    .innerJoin(polls, eq(polls.id, votes.pollId))
    .where(inArray(votes.voter, [...labels, ...anon]));
  const feedback = await db.select().from(sessionFeedback).where(inArray(sessionFeedback.person, labels));
  const items = await db.select().from(lineItems).where(inArray(lineItems.author, labels));
  const roles = await db
    .select()
    .from(workshopFacilitators)
    .where(and(eq(workshopFacilitators.platform, p.platform), eq(workshopFacilitators.userId, p.userId)));
  const answers = await db
    .select()
    .from(doraSurveyAnswers)
    .where(inArray(doraSurveyAnswers.respondent, labels));
  const id: Identity = {
    labels,
    userId: p.userId,
    names: new Set(
      [
        ...voteRows.map((v) => v.voterName),
        ...items.map((i) => i.authorName),
        ...roles.map((r) => r.displayName),
        ...answers.map((a) => a.displayName ?? ""),
      ].filter((n) => n.length > 0),
    ),
  };
  const pollsMade = await db.select().from(polls).where(inArray(polls.createdBy, labels));
  const actions = await db.select().from(agendaActions).where(inArray(agendaActions.actor, labels));
  const bindings = (
    await db
      .select()
      .from(channelBindings)
      .where(
        or(
          inArray(channelBindings.createdBy, labels),
          and(
            isNotNull(channelBindings.conversationRef),
            mentions(sql`${channelBindings.conversationRef}`, id),
          ),
        ),
      )
  ).filter(
    (b) =>
      labels.includes(b.createdBy) ||
      JSON.stringify(scrub(b.conversationRef, id)) !== JSON.stringify(b.conversationRef),
  );
  const auditRows = (
    await db
      .select()
      .from(auditLog)
      .where(
        or(inArray(auditLog.person, labels), inArray(auditLog.actor, labels), mentions(auditLog.details, id)),
      )
      .orderBy(auditLog.id)
  ).filter(
    (r) =>
      (r.person !== null && labels.includes(r.person)) ||
      labels.includes(r.actor) ||
      JSON.stringify(scrub(r.details, id)) !== JSON.stringify(r.details),
  );
  return { id, anon, voteRows, feedback, items, roles, answers, pollsMade, actions, bindings, auditRows };
}

/** Everything Baton holds about a person (GDPR Art. 15), as JSON. */
export async function exportPerson(
  ctx: ServiceContext,
  input: { person: PersonRef; voterKeys: VoterKeys },
): Promise<PersonExport> {
  const c = await collect(ctx.db, input.voterKeys, input.person);
  return {
    person: input.person,
    labels: c.id.labels,
    exportedAt: ctx.now.toISOString(),
    votes: c.voteRows.map((v) => ({
      ...v,
      view: v.view || null,
      votedAt: v.votedAt.toISOString(),
    })),
    feedback: c.feedback.map((f) => ({
      workshopId: f.workshopId,
      sessionId: f.agendaItemId,
      rating: f.rating,
      comment: f.comment,
      updatedAt: f.updatedAt.toISOString(),
    })),
    lineItems: c.items.map((i) => ({
      id: i.id,
      workshopId: i.workshopId,
      kind: i.kind,
      text: i.text,
      priority: i.priority,
      timeframe: i.timeframe,
      authorName: i.authorName,
      source: i.source as Record<string, unknown> | null,
      createdAt: i.createdAt.toISOString(),
    })),
    facilitatorRoles: c.roles.map((r) => ({
      workshopId: r.workshopId,
      displayName: r.displayName,
      addedAt: r.addedAt.toISOString(),
    })),
    surveyAnswers: c.answers.map((a) => ({
      workshopId: a.workshopId,
      respondent: a.respondent,
      displayName: a.displayName,
      answers: {
        deploymentFrequency: a.deploymentFrequency,
        leadTimeForChanges: a.leadTimeForChanges,
        timeToRestore: a.timeToRestore,
        changeFailureRate: a.changeFailureRate,
      },
    })),
    pollsCreated: c.pollsMade.map((p) => ({ id: p.id, workshopId: p.workshopId, title: p.title })),
    agendaActions: c.actions.map((a) => ({
      workshopId: a.workshopId,
      action: a.action,
      at: a.at.toISOString(),
    })),
    channelBindings: c.bindings.map((b) => ({
      id: b.id,
      workshopId: b.workshopId,
      platform: b.platform,
      channelId: b.channelId,
      createdBy: b.createdBy,
      conversationRef: b.conversationRef,
    })),
    audit: c.auditRows.map(toAuditEntry),
  };
}

/**
 * Erases a person (GDPR Art. 17), in one transaction. Identifiers and free text they wrote go: their
 * votes and ratings stay under a random pseudonym per poll (so tallies, means and voter counts — the
 * room's results — do not change, and nobody, the server included, can tie them back), names are
 * blanked, comments and the text of line items they captured are removed, facilitator roles deleted,
 * and the audit log and channel bindings' conversation references are scrubbed of anything naming
 * them. The erasure is audited with counts only.
 */
export async function erasePerson(
  ctx: ServiceContext,
  input: { person: PersonRef; voterKeys: VoterKeys },
): Promise<ErasureResult> {
  return ctx.database.db.transaction(async (tx) => {
    const c = await collect(tx, input.voterKeys, input.person);
    const { labels } = c.id;
    const salt = randomSecret();
    // One pseudonym per poll (or session, or workshop): the person stays one voter there, unnamed.
    const pseudonym = (scope: SQL) => sql`'erased:' || substr(md5(${scope}::text || ${salt}), 1, 20)`;
    const votesChanged = await tx
      .update(votes)
      .set({ voter: pseudonym(sql`${votes.pollId}`), voterName: "" })
      .where(inArray(votes.voter, [...labels, ...c.anon]))
      .returning({ n: votes.pollId });
    await tx
      .update(sessionFeedback)
      .set({ person: pseudonym(sql`${sessionFeedback.agendaItemId}`), comment: null })
      .where(inArray(sessionFeedback.person, labels));
    for (const item of c.items) {
      await tx
        .update(lineItems)
        .set({ author: "erased", authorName: "", source: null, text: ERASED_TEXT, idempotencyKey: null })
        .where(eq(lineItems.id, item.id));
      // A relevance poll shows the item's text as its option's label.
      await tx.execute(sql`update polls set options = (
          select jsonb_agg(case when o->>'key' = ${item.id} then jsonb_set(o, '{label}', to_jsonb(${ERASED_TEXT}::text)) else o end)
          from jsonb_array_elements(options) o)
        where workshop_id = ${item.workshopId} and options @> ${JSON.stringify([{ key: item.id }])}::jsonb`);
    }
    await tx
      .delete(workshopFacilitators)
      .where(
        and(
          eq(workshopFacilitators.platform, input.person.platform),
          eq(workshopFacilitators.userId, input.person.userId),
        ),
      );
    await tx
      .update(doraSurveyAnswers)
      .set({ respondent: pseudonym(sql`${doraSurveyAnswers.workshopId}`), displayName: null })
      .where(inArray(doraSurveyAnswers.respondent, labels));
    await tx.update(polls).set({ createdBy: "erased" }).where(inArray(polls.createdBy, labels));
    await tx.update(agendaActions).set({ actor: "erased" }).where(inArray(agendaActions.actor, labels));
    for (const b of c.bindings) {
      await tx
        .update(channelBindings)
        .set({
          createdBy: labels.includes(b.createdBy) ? "erased" : b.createdBy,
          conversationRef: (scrub(b.conversationRef, c.id) as Record<string, unknown> | undefined) ?? null,
        })
        .where(eq(channelBindings.id, b.id));
    }
    for (const r of c.auditRows) {
      await tx
        .update(auditLog)
        .set({
          actor: labels.includes(r.actor) ? "erased" : r.actor,
          person: r.person !== null && labels.includes(r.person) ? null : r.person,
          details: (scrub(r.details, c.id) as Record<string, unknown> | undefined) ?? {},
        })
        .where(eq(auditLog.id, r.id));
    }
    const counts = {
      votes: votesChanged.length,
      feedback: c.feedback.length,
      lineItems: c.items.length,
      facilitatorRoles: c.roles.length,
      surveyAnswers: c.answers.length,
      pollsCreated: c.pollsMade.length,
      agendaActions: c.actions.length,
      channelBindings: c.bindings.length,
      auditEntries: c.auditRows.length,
    };
    // Audited without identifiers: only who erased, when, and how much.
    await audit(tx, ctx, {
      workshopId: null,
      action: "person.erase",
      entityType: "person",
      entityId: "erased",
      details: { ...counts },
    });
    return { erasedAt: ctx.now.toISOString(), counts };
  });
}
