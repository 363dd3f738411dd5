import { eq, sql } from "drizzle-orm";
import type { Logger } from "pino";
import { workshops } from "../../db/schema/workshops.js";
import type { Database } from "../../db/types.js";
import { type DuePurge, dueForPurge, type WorkshopSpan } from "../domain/retention/purge.js";
import { audit } from "./audit.js";
import { SYSTEM_CALLER } from "./context.js";

/**
 * Each workshop's span and retention: its organisation's `retention_days` (set with POST /v1/orgs),
 * falling back to `defaultDays` (RETENTION_DAYS) when the organisation sets none; null keeps it.
 */
export async function workshopSpans(
  database: Pick<Database, "rows">,
  defaultDays: number | null,
): Promise<WorkshopSpan[]> {
  const list = await database.rows<{
    id: string;
    last_planned_end: string | Date | null;
    last_actual_end: string | Date | null;
    live: boolean | null;
    retention_days: number | null;
  }>(sql`select w.id,
      max(i.planned_end) as last_planned_end,
      max(i.actual_end) as last_actual_end,
      coalesce(bool_or(i.state in ('running', 'paused')), false) as live,
      coalesce(o.retention_days, ${defaultDays}::integer) as retention_days
    from workshops w
      join orgs o on o.id = w.org_id
      left join agenda_items i on i.workshop_id = w.id
    group by w.id, o.retention_days`);
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  return list.map((r) => ({
    workshopId: r.id,
    lastPlannedEnd: date(r.last_planned_end),
    lastActualEnd: date(r.last_actual_end),
    live: Boolean(r.live),
    retentionDays: r.retention_days === null ? null : Number(r.retention_days),
  }));
}

/**
 * Deletes the workshops the retention policy says are due (see dueForPurge), each in its own
 * transaction with an audit entry by `system`. Safe to run from several replicas at once: a workshop
 * already deleted by another is skipped.
 */
export async function purgeExpiredWorkshops(
  database: Pick<Database, "db" | "rows">,
  opts: { now: Date; retentionDays: number | null },
): Promise<DuePurge[]> {
  const due = dueForPurge(await workshopSpans(database, opts.retentionDays), opts.now);
  const done: DuePurge[] = [];
  for (const d of due) {
    const deleted = await database.db.transaction(async (tx) => {
      const gone = await tx
        .delete(workshops)
        .where(eq(workshops.id, d.workshopId))
        .returning({ id: workshops.id });
      if (gone.length === 0) return false;
      await audit(
        tx,
        { caller: SYSTEM_CALLER, actor: null, now: opts.now },
        {
          workshopId: null,
          action: "workshop.purge",
          entityType: "workshop",
          entityId: d.workshopId,
          details: { endedAt: d.endedAt.toISOString(), retentionDays: d.retentionDays },
        },
      );
      return true;
    });
    if (deleted) done.push(d);
  }
  return done;
}

/** How often a Node process looks for workshops due for deletion. */
export const RETENTION_INTERVAL_MS = 3_600_000;

/**
 * Runs the purge at start and then hourly in this process, beside the bots' timer relay (every
 * replica may run it; see purgeExpiredWorkshops). It runs even without RETENTION_DAYS: an organisation
 * may set its own retention.
 */
export function startRetentionLoop(
  database: Pick<Database, "db" | "rows">,
  retentionDays: number | null,
  logger: Pick<Logger, "info" | "warn">,
  intervalMs = RETENTION_INTERVAL_MS,
): { stop(): void } {
  const run = () =>
    purgeExpiredWorkshops(database, { now: new Date(), retentionDays }).then(
      (done) => {
        if (done.length) logger.info({ workshops: done.length }, "retention: deleted ended workshops");
      },
      (err) => logger.warn({ err }, "retention purge failed; it runs again within the hour"),
    );
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
