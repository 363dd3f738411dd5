import { auditLog } from "../../db/schema/audit-log.js";
import type { Db } from "../../db/types.js";

/** Anything that can run an insert: the database or an open transaction. */
type Writer = Pick<Db, "insert">;

export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/** Records who changed what; call it inside the transaction that makes the change. */
export async function audit(tx: Writer, entry: AuditEntry, at: Date): Promise<void> {
  await tx.insert(auditLog).values({ ...entry, details: entry.details ?? {}, at });
}
