import { eq } from "drizzle-orm";
import { type PollKind, type PollScale, polls } from "../../db/schema/polls.js";
import { workshops } from "../../db/schema/workshops.js";
import type { Queryable } from "../../db/types.js";
import type { ScorecardFactor, ScorecardOption } from "../domain/scorecard/scorecard.js";

/** The parts of a poll that never change once it is created: what a vote is checked against. */
export interface PollDefinition {
  id: string;
  workshopId: string;
  /** The workshop's organisation: votes are scoped without a query of their own (see castVotes). */
  orgId: string;
  kind: PollKind;
  options: ScorecardOption[];
  factors: ScorecardFactor[];
  views: string[];
  scale: PollScale;
  multiple: boolean;
  anonymous: boolean;
  /** How anonymous voters are keyed (see voter-key.ts); null for polls older than keyed hashes. */
  voterKeyVersion: number | null;
  /** Set at creation, never moved (a close is `closedAt`). */
  closesAt: Date | null;
}

/**
 * Poll definitions by id, kept in memory: they are immutable, so a cached one is never stale (a
 * deleted poll is caught by the vote itself, which finds no open poll row). Bounded; the oldest
 * entry goes first. Saves the vote path a query, the workshop's organisation (for scoping) included:
 * a workshop never changes organisation.
 */
export class PollDefinitions {
  private readonly map = new Map<string, PollDefinition>();

  constructor(private readonly max = 1000) {}

  async get(db: Queryable, id: string): Promise<PollDefinition | null> {
    const hit = this.map.get(id);
    if (hit) return hit;
    const [row] = await db
      .select({
        id: polls.id,
        workshopId: polls.workshopId,
        orgId: workshops.orgId,
        kind: polls.kind,
        options: polls.options,
        factors: polls.factors,
        views: polls.views,
        scale: polls.scale,
        multiple: polls.multiple,
        anonymous: polls.anonymous,
        voterKeyVersion: polls.voterKeyVersion,
        closesAt: polls.closesAt,
      })
      .from(polls)
      .innerJoin(workshops, eq(workshops.id, polls.workshopId))
      .where(eq(polls.id, id));
    if (!row) return null;
    if (this.map.size >= this.max) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
    this.map.set(id, row);
    return row;
  }
}
