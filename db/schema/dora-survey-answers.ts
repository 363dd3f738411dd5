import { pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workshops } from "./workshops.js";

/**
 * One stakeholder's answers to the DORA quick check in a workshop; a changed answer replaces the
 * earlier one. Answer ids are the bucket ids of `api/domain/dora/survey.ts`, or `unknown`.
 */
export const doraSurveyAnswers = pgTable(
  "dora_survey_answers",
  {
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    /** Who answered, e.g. `slack:T1:U123` or `teams:29:abc`. */
    respondent: text("respondent").notNull(),
    displayName: text("display_name"),
    deploymentFrequency: text("deployment_frequency"),
    leadTimeForChanges: text("lead_time_for_changes"),
    timeToRestore: text("time_to_restore"),
    changeFailureRate: text("change_failure_rate"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.respondent] })],
);

export type DoraSurveyAnswerRow = typeof doraSurveyAnswers.$inferSelect;
