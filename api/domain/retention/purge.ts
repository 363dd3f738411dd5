/** What the retention purge needs to know about one workshop. */
export interface WorkshopSpan {
  workshopId: string;
  /** The latest planned end of its agenda items; null without items. */
  lastPlannedEnd: Date | null;
  /** The latest actual end of its agenda items; null when none ended. */
  lastActualEnd: Date | null;
  /** Whether a session is running or paused right now (then it has not ended). */
  live: boolean;
  /** Days its organisation keeps a workshop after it ended; null: kept until deleted. */
  retentionDays: number | null;
}

export interface DuePurge {
  workshopId: string;
  endedAt: Date;
  retentionDays: number;
}

const DAY_MS = 86_400_000;

/**
 * When a workshop ended: the later of its last planned end and its last actual end (a day that
 * overran ends when it actually ended; one never run ends when it was planned to). Null while a
 * session runs or is paused, and for a workshop without items (nothing says when it ends).
 */
export function workshopEndedAt(w: WorkshopSpan): Date | null {
  if (w.live) return null;
  const ends = [w.lastPlannedEnd, w.lastActualEnd].filter((d): d is Date => d !== null);
  if (ends.length === 0) return null;
  return new Date(Math.max(...ends.map((d) => d.getTime())));
}

/**
 * The workshops the retention policy deletes now: those that ended strictly more than
 * `retentionDays` × 24 h before `now`. A workshop whose organisation sets no retention is kept.
 */
export function dueForPurge(workshops: readonly WorkshopSpan[], now: Date): DuePurge[] {
  const due: DuePurge[] = [];
  for (const w of workshops) {
    if (w.retentionDays === null) continue;
    const endedAt = workshopEndedAt(w);
    if (endedAt && now.getTime() - endedAt.getTime() > w.retentionDays * DAY_MS)
      due.push({ workshopId: w.workshopId, endedAt, retentionDays: w.retentionDays });
  }
  return due;
}
