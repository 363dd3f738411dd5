/**
 * The RAID register's arithmetic (risks, assumptions, issues, dependencies), pure.
 *
 * - `exposure` = likelihood × impact, each 1–5, so 1–25; null unless both are set (risks only).
 * - An item is `overdue` when its due date is before today (local to the workshop) and it is still
 *   live: `open`, or `validated` (an assumption found true still needs its follow-up). Items that are
 *   `invalidated`, `mitigated` or `closed` are never overdue. A past due date is accepted, just flagged.
 * - The register's order: by due date, earliest first, items without one last; then by exposure,
 *   highest first, unrated last; then oldest first.
 */
export interface RegisterEntry {
  id: string;
  dueDate: string | null;
  exposure: number | null;
  createdAt: string;
}

const LIVE = new Set(["open", "validated"]);

export function exposure(likelihood: number | null, impact: number | null): number | null {
  return likelihood !== null && impact !== null ? likelihood * impact : null;
}

export function isOverdue(dueDate: string | null, status: string, today: string): boolean {
  return dueDate !== null && dueDate < today && LIVE.has(status);
}

export function compareRegister(a: RegisterEntry, b: RegisterEntry): number {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  const ea = a.exposure ?? -1;
  const eb = b.exposure ?? -1;
  if (ea !== eb) return eb - ea;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
