import { index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Commits pushed to a repository's default branch, with when they were pushed: a successful
 * deployment of the repository ships the ones pushed since its previous deployment.
 */
export const githubPushedCommits = pgTable(
  "github_pushed_commits",
  {
    repository: text("repository").notNull(),
    sha: text("sha").notNull(),
    pushedAt: timestamp("pushed_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.repository, t.sha] }),
    index("github_pushed_commits_repository_at_idx").on(t.repository, t.pushedAt),
  ],
);
