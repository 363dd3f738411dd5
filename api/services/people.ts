import { and, eq, inArray, isNotNull, or, type SQL, sql } from "drizzle-orm";
import { agendaActions } from "../../db/schema/agenda-actions.js";
import { auditLog } from "../../db/schema/audit-log.js";
import { channelBindings } from "../../db/schema/channel-bindings.js";
import { decisions } from "../../db/schema/decisions.js";
import { doraSurveyAnswers } from "../../db/schema/dora-survey-answers.js";
import { lineItems } from "../../db/schema/line-items.js";
import { plans } from "../../db/schema/plans.js";
import { polls } from "../../db/schema/polls.js";
import { roadmapFeeds } from "../../db/schema/roadmap-feeds.js";
import { sessionFeedback } from "../../db/schema/session-feedback.js";
import { shareLinks } from "../../db/schema/share-links.js";
import { swotEntries } from "../../db/schema/swot-entries.js";
import { timerEvents } from "../../db/schema/timer-events.js";
import { useCases } from "../../db/schema/use-cases.js";
import { votes } from "../../db/schema/votes.js";
import { workshopFacilitators } from "../../db/schema/workshop-facilitators.js";
import { workshopMatrices } from "../../db/schema/workshop-matrices.js";
import { workshopOutputs } from "../../db/schema/workshop-outputs.js";
import type { Queryable } from "../../db/types.js";
import type { PlanInput } from "../domain/plan/types.js";
import { canonicalJson } from "../lib/canonical-json.js";
import { randomSecret, sha256Hex } from "../lib/crypto.js";
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
 * userId or aadObjectId is theirs) is dropped, and any string or key naming them becomes "[erased]".
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
      // A key may name them too (the skills matrix keys levels by a person's name).
      if (s !== undefined) out[names(id, k) ? ERASED : k] = s;
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
  const swot = await db.select().from(swotEntries).where(inArray(swotEntries.author, labels));
  const decided = await db.select().from(decisions).where(inArray(decisions.decidedBy, labels));
  for (const n of [...swot.map((e) => e.authorName), ...decided.map((d) => d.decidedByName)])
    if (n.length > 0) id.names.add(n);
  const outputs = await db.select().from(workshopOutputs).where(inArray(workshopOutputs.updatedBy, labels));
  const reviewed = await db.select().from(lineItems).where(inArray(lineItems.reviewedBy, labels));
  // A RAID owner is free text: theirs when it is one of their labels, their user id or a name of theirs.
  const owned = (
    await db
      .select()
      .from(lineItems)
      .where(and(isNotNull(lineItems.owner), mentions(sql`to_jsonb(${lineItems.owner})`, id)))
  ).filter((i) => i.owner !== null && names(id, i.owner));
  const useCasesMade = await db.select().from(useCases).where(inArray(useCases.createdBy, labels));
  const matrices = (
    await db
      .select()
      .from(workshopMatrices)
      .where(or(inArray(workshopMatrices.updatedBy, labels), mentions(sql`${workshopMatrices.input}`, id)))
  ).filter(
    (m) => labels.includes(m.updatedBy) || JSON.stringify(scrub(m.input, id)) !== JSON.stringify(m.input),
  );
  // Work packages' owners (free text, like a RAID owner).
  const planRows = (
    await db
      .select()
      .from(plans)
      .where(mentions(sql`${plans.input}`, id))
  ).filter((p) => ownedPackages(p.input, id).length > 0);
  const links = [
    ...(await db.select().from(shareLinks).where(inArray(shareLinks.createdBy, labels))).map((l) => ({
      kind: "shareLink" as const,
      ...l,
    })),
    ...(await db.select().from(roadmapFeeds).where(inArray(roadmapFeeds.createdBy, labels))).map((l) => ({
      kind: "roadmapFeed" as const,
      ...l,
    })),
  ];
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
  // The wrap-up message remembers the facilitator whose move ended the workshop (to make its report link).
  const timerActors = (
    await db
      .select({
        id: timerEvents.id,
        workshopId: timerEvents.workshopId,
        kind: timerEvents.kind,
        actor: timerEvents.actor,
      })
      .from(timerEvents)
      .where(and(isNotNull(timerEvents.actor), mentions(sql`${timerEvents.actor}`, id)))
  ).filter((r) => JSON.stringify(scrub(r.actor, id)) !== JSON.stringify(r.actor));
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
  return {
    id,
    anon,
    voteRows,
    feedback,
    items,
    roles,
    answers,
    pollsMade,
    actions,
    bindings,
    timerActors,
    auditRows,
    swot,
    decided,
    outputs,
    reviewed,
    owned,
    useCasesMade,
    matrices,
    planRows,
    links,
  };
}

/** The plan's work packages whose owner names the person. */
function ownedPackages(input: PlanInput, id: Identity) {
  return input.workPackages.filter((p) => typeof p.owner === "string" && names(id, p.owner));
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
    scheduledMessages: c.timerActors.map((r) => ({
      id: r.id,
      workshopId: r.workshopId,
      kind: r.kind,
      actor: r.actor,
    })),
    audit: c.auditRows.map(toAuditEntry),
    swotEntries: c.swot.map((e) => ({
      id: e.id,
      workshopId: e.workshopId,
      option: e.option,
      quadrant: e.quadrant,
      text: e.text,
      authorName: e.authorName,
      createdAt: e.createdAt.toISOString(),
    })),
    decisions: c.decided.map((d) => ({
      id: d.id,
      workshopId: d.workshopId,
      view: d.view,
      option: d.option,
      rationale: d.rationale,
      decidedByName: d.decidedByName,
      updatedAt: d.updatedAt.toISOString(),
    })),
    outputsUpdated: c.outputs.map((o) => ({
      id: o.id,
      workshopId: o.workshopId,
      title: o.title,
      status: o.status,
      updatedAt: o.updatedAt.toISOString(),
    })),
    reviews: c.reviewed.map((i) => ({
      itemId: i.id,
      workshopId: i.workshopId,
      outcome: i.reviewOutcome,
      reviewedAt: i.reviewedAt?.toISOString() ?? null,
    })),
    ownedItems: c.owned.map((i) => ({
      id: i.id,
      workshopId: i.workshopId,
      kind: i.kind,
      text: i.text,
      owner: i.owner ?? "",
    })),
    useCases: c.useCasesMade.map((u) => ({ id: u.id, workshopId: u.workshopId, key: u.key, title: u.title })),
    matrices: c.matrices.map((m) => ({
      workshopId: m.workshopId,
      kind: m.kind,
      updatedBy: m.updatedBy,
      input: m.input,
      updatedAt: m.updatedAt.toISOString(),
    })),
    workPackages: c.planRows.flatMap((p) =>
      ownedPackages(p.input, c.id).map((wp) => ({
        workshopId: p.workshopId,
        key: wp.key,
        title: wp.title,
        owner: wp.owner ?? "",
      })),
    ),
    links: c.links.map((l) => ({
      kind: l.kind,
      id: l.id,
      workshopId: l.workshopId,
      name: l.name,
      createdAt: l.createdAt.toISOString(),
    })),
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
        .set({
          author: "erased",
          authorName: "",
          source: null,
          text: ERASED_TEXT,
          idempotencyKey: null,
          requestHash: null,
        })
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
    if (c.timerActors.length)
      await tx
        .update(timerEvents)
        .set({ actor: null })
        .where(
          inArray(
            timerEvents.id,
            c.timerActors.map((r) => r.id),
          ),
        );
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
    for (const e of c.swot)
      await tx
        .update(swotEntries)
        .set({ author: "erased", authorName: "", text: ERASED_TEXT })
        .where(eq(swotEntries.id, e.id));
    // Decisions, outputs' states, reviews and use cases are the room's: they stay, without who.
    await tx
      .update(decisions)
      .set({ decidedBy: "erased", decidedByName: "" })
      .where(inArray(decisions.decidedBy, labels));
    await tx
      .update(workshopOutputs)
      .set({ updatedBy: "erased" })
      .where(inArray(workshopOutputs.updatedBy, labels));
    await tx.update(lineItems).set({ reviewedBy: "erased" }).where(inArray(lineItems.reviewedBy, labels));
    for (const i of c.owned) await tx.update(lineItems).set({ owner: null }).where(eq(lineItems.id, i.id));
    await tx.update(useCases).set({ createdBy: "erased" }).where(inArray(useCases.createdBy, labels));
    await tx.update(shareLinks).set({ createdBy: "erased" }).where(inArray(shareLinks.createdBy, labels));
    await tx.update(roadmapFeeds).set({ createdBy: "erased" }).where(inArray(roadmapFeeds.createdBy, labels));
    for (const m of c.matrices)
      await tx
        .update(workshopMatrices)
        .set({
          updatedBy: labels.includes(m.updatedBy) ? "erased" : m.updatedBy,
          input: scrub(m.input, c.id) as Record<string, unknown>,
        })
        .where(and(eq(workshopMatrices.workshopId, m.workshopId), eq(workshopMatrices.kind, m.kind)));
    for (const p of c.planRows) {
      const mine = new Set(ownedPackages(p.input, c.id));
      const input: PlanInput = {
        ...p.input,
        workPackages: p.input.workPackages.map((wp) => (mine.has(wp) ? { ...wp, owner: null } : wp)),
      };
      // The hash follows the input, so PUTting the erased plan again is still "unchanged".
      await tx
        .update(plans)
        .set({ input, inputHash: await sha256Hex(canonicalJson(input)) })
        .where(eq(plans.workshopId, p.workshopId));
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
      scheduledMessages: c.timerActors.length,
      auditEntries: c.auditRows.length,
      swotEntries: c.swot.length,
      decisions: c.decided.length,
      outputs: c.outputs.length,
      reviews: c.reviewed.length,
      ownedItems: c.owned.length,
      useCases: c.useCasesMade.length,
      matrices: c.matrices.length,
      workPackages: c.planRows.reduce((n, p) => n + ownedPackages(p.input, c.id).length, 0),
      links: c.links.length,
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
