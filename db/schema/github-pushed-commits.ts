import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { orgs } from "./orgs.js";

/**
 * Commits pushed to a repository's default branch, with when they were pushed: a successful
 * deployment of the repository ships the ones pushed since its previous deployment.
 */
export const githubPushedCommits = pgTable(
  "github_pushed_commits",
  {
    /** The organisation the record belongs to: ids are unique per organisation. */
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    repository: text("repository").notNull(),
    sha: text("sha").notNull(),
    pushedAt: timestamp("pushed_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.repository, t.sha] }),
    index("github_pushed_commits_repository_at_idx").on(t.orgId, t.repository, t.pushedAt),
  ],
);
