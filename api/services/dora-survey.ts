import { asc, eq, getTableColumns, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { type DoraSurveyAnswerRow, doraSurveyAnswers } from "../../db/schema/dora-survey-answers.js";
import { aggregateSurvey, UNKNOWN_ANSWER, UNKNOWN_LABEL } from "../domain/dora/survey.js";
import type { SurveyAnswer, SurveyAnswerInput, SurveyBaseline } from "../schemas/dora.js";
import { audit } from "./audit.js";
import { loadWorkshop, type ServiceContext } from "./context.js";

function toAnswer(row: DoraSurveyAnswerRow): SurveyAnswer {
  return {
    workshopId: row.workshopId,
    respondent: row.respondent,
    displayName: row.displayName,
    answers: {
      deploymentFrequency: row.deploymentFrequency,
      leadTimeForChanges: row.leadTimeForChanges,
      timeToRestore: row.timeToRestore,
      changeFailureRate: row.changeFailureRate,
    },
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Records one respondent's answers. The questions given replace that respondent's earlier answers;
 * the ones left out keep theirs, so a chat card may send one question at a time.
 */
export async function answerSurvey(
  ctx: ServiceContext,
  { workshopId, answer: input }: { workshopId: string; answer: SurveyAnswerInput },
): Promise<{ answer: SurveyAnswer; created: boolean }> {
  await loadWorkshop(ctx, workshopId);
  const opts = { now: ctx.now };
  const a = input.answers;
  const t = doraSurveyAnswers;
  // On conflict, a question not answered now keeps the earlier answer.
  const keep = (column: AnyPgColumn) => sql`coalesce(excluded.${sql.identifier(column.name)}, ${column})`;
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(t)
      .values({
        workshopId,
        respondent: input.respondent,
        displayName: input.displayName ?? null,
        deploymentFrequency: a.deploymentFrequency ?? null,
        leadTimeForChanges: a.leadTimeForChanges ?? null,
        timeToRestore: a.timeToRestore ?? null,
        changeFailureRate: a.changeFailureRate ?? null,
        createdAt: opts.now,
        updatedAt: opts.now,
      })
      .onConflictDoUpdate({
        target: [t.workshopId, t.respondent],
        set: {
          displayName: keep(t.displayName),
          deploymentFrequency: keep(t.deploymentFrequency),
          leadTimeForChanges: keep(t.leadTimeForChanges),
          timeToRestore: keep(t.timeToRestore),
          changeFailureRate: keep(t.changeFailureRate),
          updatedAt: opts.now,
        },
      })
      .returning({ ...getTableColumns(t), inserted: sql<boolean>`(xmax = 0)` });
    if (!row) throw new Error("upsert returned no row");
    const { inserted, ...stored } = row;
    await audit(tx, ctx, {
      workshopId,
      action: "dora.survey.answer",
      entityType: "workshop",
      entityId: workshopId,
      details: { respondent: input.respondent, answers: a },
    });
    return { answer: toAnswer(stored), created: inserted };
  });
}

/** The room's baseline: per question, the median bucket and how far apart the answers are. */
export async function getSurveyBaseline(
  ctx: ServiceContext,
  { workshopId }: { workshopId: string },
): Promise<SurveyBaseline> {
  await loadWorkshop(ctx, workshopId);
  const rows = await ctx.db
    .select()
    .from(doraSurveyAnswers)
    .where(eq(doraSurveyAnswers.workshopId, workshopId))
    .orderBy(asc(doraSurveyAnswers.respondent));
  return {
    workshopId,
    respondents: rows.length,
    unknownAnswer: { id: UNKNOWN_ANSWER, label: UNKNOWN_LABEL },
    questions: aggregateSurvey(rows),
  };
}
