/**
 * A session's feedback summary, pure: `count` ratings (1–5) with their arithmetic `mean` and the
 * `distribution` of each value; comments (trimmed, non-empty) oldest first. A person's comment
 * without a rating counts among the comments only.
 */

export interface FeedbackEntry {
  rating: number | null;
  comment: string | null;
  at: Date;
}

export interface FeedbackSummary {
  count: number;
  mean: number | null;
  distribution: Record<"1" | "2" | "3" | "4" | "5", number>;
  comments: { text: string; at: string }[];
}

export function summariseFeedback(entries: readonly FeedbackEntry[]): FeedbackSummary {
  const distribution = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
  let count = 0;
  let sum = 0;
  for (const e of entries) {
    if (e.rating === null || e.rating < 1 || e.rating > 5 || !Number.isInteger(e.rating)) continue;
    distribution[String(e.rating) as keyof typeof distribution]++;
    count++;
    sum += e.rating;
  }
  const comments = entries
    .filter((e) => e.comment?.trim())
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((e) => ({ text: (e.comment as string).trim(), at: e.at.toISOString() }));
  return { count, mean: count > 0 ? sum / count : null, distribution, comments };
}
