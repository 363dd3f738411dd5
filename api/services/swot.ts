import { and, asc, eq, inArray } from "drizzle-orm";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { type SwotEntryRow, swotEntries } from "../../db/schema/swot-entries.js";
import type { CreateSwotEntry, Swot, SwotEntry } from "../schemas/swot.js";
import { audit } from "./audit.js";
import { actorName, onDb, type ServiceContext } from "./context.js";
import { toVoter } from "./polls.js";
import { actorDisplayName, assertActorForBot } from "./room-access.js";
import { assertOption, scorecardFrame } from "./scorecard-frame.js";

function toEntry(row: SwotEntryRow): SwotEntry {
  return {
    id: row.id,
    option: row.option,
    quadrant: row.quadrant,
    text: row.text,
    author: toVoter(row.author, row.authorName),
    sessionId: row.agendaItemId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Adds one point to an option's SWOT, in the running session. Anyone in the room may. */
export async function addSwotEntry(
  ctx: ServiceContext,
  input: CreateSwotEntry & { workshopId: string },
): Promise<SwotEntry> {
  assertActorForBot(ctx);
  const { workshopId } = input;
  const row = await ctx.database.db.transaction(async (tx) => {
    const tctx = onDb(ctx, tx);
    const frame = await scorecardFrame(tctx, workshopId);
    assertOption(frame, input.option);
    const [running] = await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.workshopId, workshopId), inArray(agendaItems.state, ["running", "paused"])));
    const author = actorName(ctx);
    const [created] = await tx
      .insert(swotEntries)
      .values({
        workshopId,
        agendaItemId: running?.id ?? null,
        option: input.option,
        quadrant: input.quadrant,
        text: input.text,
        author,
        authorName: actorDisplayName(ctx),
        createdAt: ctx.now,
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await audit(tx, ctx, {
      workshopId,
      action: "swot.create",
      entityType: "swot",
      entityId: created.id,
      details: { workshopId, option: input.option, quadrant: input.quadrant },
    });
    return created;
  });
  return toEntry(row);
}

/** The SWOT of every scorecard option, grouped by option (scorecard order) then quadrant, oldest first. */
export async function getSwot(ctx: ServiceContext, input: { workshopId: string }): Promise<Swot> {
  const { workshopId } = input;
  const frame = await scorecardFrame(ctx, workshopId);
  const rows = await ctx.db
    .select()
    .from(swotEntries)
    .where(eq(swotEntries.workshopId, workshopId))
    .orderBy(asc(swotEntries.createdAt), asc(swotEntries.id));
  const labels = new Map(frame.options.map((o) => [o.key, o.label]));
  // Options of an earlier scorecard poll keep their points, after the current ones.
  const keys = [...frame.options.map((o) => o.key), ...rows.map((r) => r.option)].filter(
    (k, i, all) => all.indexOf(k) === i,
  );
  return {
    workshopId,
    options: keys.map((option) => {
      const mine = rows.filter((r) => r.option === option).map(toEntry);
      return {
        option,
        label: labels.get(option) ?? option,
        strength: mine.filter((e) => e.quadrant === "strength"),
        weakness: mine.filter((e) => e.quadrant === "weakness"),
        opportunity: mine.filter((e) => e.quadrant === "opportunity"),
        threat: mine.filter((e) => e.quadrant === "threat"),
      };
    }),
  };
}
