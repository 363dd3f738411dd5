import { and, eq, sql } from "drizzle-orm";
import { type Logger, pino } from "pino";
import { orgChatWorkspaces } from "../../db/schema/org-chat-workspaces.js";
import { orgs } from "../../db/schema/orgs.js";
import { type WorkshopRow, workshops } from "../../db/schema/workshops.js";
import type { Database, Db, Queryable } from "../../db/types.js";
import type { Caller } from "../context.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../schemas/agenda.js";

/**
 * Everything a service needs to know about the request it serves, built once per request (see
 * `serviceContext` in api/lib/service-context.ts): services take `(ctx, input)` and nothing else.
 */
export interface ServiceContext {
  /** The database handle; inside a transaction, pass `onDb(ctx, tx)` down. */
  db: Queryable;
  database: Database;
  /** The bearer token that made the request, with its organisation and workshop scope. */
  caller: Caller;
  /**
   * The chat person a `bot` token acts for; null when the token acts as itself. Only bot tokens may
   * name one (`serviceContext` refuses anyone else with 403).
   */
  actor: Actor | null;
  now: Date;
  log: Logger;
}

/** The caller of work no request asked for (first start, command-line tools): platform-wide. */
export const SYSTEM_CALLER: Caller = Object.freeze({
  tokenId: "system",
  name: "system",
  role: "admin",
  orgId: null,
  workshopId: null,
});

/** A context for work outside a request (bootstrap, tools, tests): the system caller, no person. */
export function systemContext(database: Database, now: Date, log?: Logger): ServiceContext {
  return {
    db: database.db,
    database,
    caller: SYSTEM_CALLER,
    actor: null,
    now,
    log: log ?? pino({ level: "silent" }),
  };
}

const TOKEN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether the caller is a bearer token (its id a token's uuid), not the system or a signed webhook
 * (`webhookCaller`), which have no token to name.
 */
export function isTokenCaller(caller: Caller): boolean {
  return caller !== SYSTEM_CALLER && TOKEN_ID.test(caller.tokenId);
}

/**
 * The caller of a signed webhook (no bearer token), writing into one organisation; the audit names it
 * by `source` (e.g. "github:<delivery id>").
 */
export function webhookCaller(source: string, orgId: string): Caller {
  return { tokenId: source, name: source, role: "ingest", orgId, workshopId: null };
}

/**
 * The audit log's name for who did it: the person a bot acts for, else the token itself
 * ("token:<id>"), else the caller's name ("system", a webhook's source).
 */
export function actorName(ctx: Pick<ServiceContext, "caller" | "actor">): string {
  if (ctx.actor) return `${ctx.actor.platform}:${ctx.actor.userId}`;
  return isTokenCaller(ctx.caller) ? `token:${ctx.caller.tokenId}` : ctx.caller.name;
}

/** The same context on another handle, e.g. an open transaction. */
export function onDb(ctx: ServiceContext, db: Queryable | Db): ServiceContext {
  return { ...ctx, db };
}

/**
 * Refuses a token other than a bot's that names a person: only bots act for someone else. Naming the
 * token itself (`{platform: "api", userId: <token id>}`) is not acting for someone; it becomes null.
 */
export function verifiedActor(caller: Caller, actor: Actor | null | undefined): Actor | null {
  if (!actor) return null;
  if (caller.role === "bot") return actor;
  if (actor.platform === "api" && actor.userId === caller.tokenId) return null;
  throw new DomainError(
    "FORBIDDEN",
    `Only a bot token may act for someone else; your ${caller.role} token acts as itself — leave out actor/viewer.`,
    [{ path: "actor", message: "only bot tokens may name a person" }],
  );
}

/**
 * The `viewer` query parameter ("slack:U123": whose card a bot draws) is a person too: only bots may
 * name one. Returns it for a bot; refuses it (403) for anyone else.
 */
export function verifiedViewer(caller: Caller, viewer: string | null | undefined): string | undefined {
  if (!viewer) return undefined;
  if (caller.role === "bot") return viewer;
  throw new DomainError(
    "FORBIDDEN",
    `Only a bot token may ask on someone's behalf; your ${caller.role} token sees as itself — leave out viewer.`,
    [{ path: "viewer", message: "only bot tokens may name a person" }],
  );
}

/** A 404 that reads the same whether the row is missing or belongs to someone the caller may not see. */
function noWorkshop(workshopId: string): DomainError {
  return new DomainError("NOT_FOUND", `No workshop ${workshopId}.`);
}

/**
 * Whether the caller may see rows of this organisation and workshop: its own organisation (admin and
 * platform-wide bots: any) and, for a token narrowed to a workshop, only that one.
 */
export function inScope(caller: Caller, row: { id: string; orgId: string }): boolean {
  if (caller.orgId !== null && caller.orgId !== row.orgId) return false;
  if (caller.workshopId !== null && caller.workshopId !== row.id) return false;
  return true;
}

/**
 * The org-and-workspace check for a bot acting for a chat person: a person of a workspace another
 * organisation owns, or of an unlisted workspace when the workshop's organisation lists its own, may
 * not reach the workshop. Remembered for a few seconds per (org, platform, workspace); registering a
 * workspace clears it (`forgetWorkspaces`).
 */
const WORKSPACE_TTL_MS = 10_000;
const workspaceAnswers = new Map<string, { allowed: boolean; until: number }>();

export function forgetWorkspaces(): void {
  workspaceAnswers.clear();
}

export async function actorMayReachOrg(
  ctx: Pick<ServiceContext, "db" | "actor" | "caller">,
  orgId: string,
): Promise<boolean> {
  const workspaceId = ctx.actor?.workspaceId;
  if (!ctx.actor || !workspaceId || ctx.caller.role !== "bot") return true;
  const key = `${orgId}\u0000${ctx.actor.platform}\u0000${workspaceId}`;
  const hit = workspaceAnswers.get(key);
  if (hit && hit.until > Date.now()) return hit.allowed;
  const [row] = await ctx.db
    .select({
      owner: sql<string | null>`(select ${orgChatWorkspaces.orgId} from ${orgChatWorkspaces}
        where ${orgChatWorkspaces.platform} = ${ctx.actor.platform} and ${orgChatWorkspaces.workspaceId} = ${workspaceId})`,
      lists: sql<boolean>`exists (select 1 from ${orgChatWorkspaces} where ${orgChatWorkspaces.orgId} = ${orgId})`,
    })
    .from(sql`(select 1) as one`);
  const allowed = row?.owner ? row.owner === orgId : !row?.lists;
  if (workspaceAnswers.size > 1000) workspaceAnswers.clear();
  workspaceAnswers.set(key, { allowed, until: Date.now() + WORKSPACE_TTL_MS });
  return allowed;
}

/** A 404 unless the caller (and the person a bot acts for) may reach this workshop. */
export async function assertWorkshopInScope(
  ctx: ServiceContext,
  row: { id: string; orgId: string },
): Promise<void> {
  if (!inScope(ctx.caller, row) || !(await actorMayReachOrg(ctx, row.orgId))) throw noWorkshop(row.id);
}

export interface LoadWorkshopOptions {
  /** `FOR UPDATE`: call inside a transaction (`ctx.db` is the transaction) to serialise changes. */
  lock?: boolean;
}

/**
 * The one way a service reaches a workshop: a 404 unless it exists and the caller may see it. Scoping
 * (organisation, a token's workshop, a bot's person's chat workspace) is enforced here, so no service
 * can forget it. Rows reached by their own id (polls, items, feeds) load their workshop through it.
 */
export async function loadWorkshop(
  ctx: ServiceContext,
  workshopId: string,
  opts: LoadWorkshopOptions = {},
): Promise<WorkshopRow> {
  const q = ctx.db.select().from(workshops).where(eq(workshops.id, workshopId));
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw noWorkshop(workshopId);
  await assertWorkshopInScope(ctx, row);
  return row;
}

/**
 * The organisation a new row (a workshop, a token, DORA data) goes to: the caller's own; for admin and
 * platform-wide bots the one asked for (`requested`), else the organisation of the bot's person's
 * workspace, else the only organisation while there is just one. 400 (naming `path`) otherwise; 404
 * for an organisation that does not exist or the caller may not use.
 */
export async function resolveOrgId(
  ctx: Pick<ServiceContext, "db" | "caller" | "actor">,
  requested: string | null | undefined,
  path = "orgId",
): Promise<string> {
  const own = ctx.caller.orgId;
  if (own !== null) {
    if (requested && requested !== own) throw new DomainError("NOT_FOUND", `No organisation ${requested}.`);
    return own;
  }
  if (requested) {
    const [org] = await ctx.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, requested));
    if (!org) {
      throw new DomainError("NOT_FOUND", `No organisation ${requested}.`, [
        { path, message: "no such organisation" },
      ]);
    }
    return org.id;
  }
  if (ctx.actor?.workspaceId) {
    const [owned] = await ctx.db
      .select({ orgId: orgChatWorkspaces.orgId })
      .from(orgChatWorkspaces)
      .where(
        and(
          eq(orgChatWorkspaces.platform, ctx.actor.platform),
          eq(orgChatWorkspaces.workspaceId, ctx.actor.workspaceId),
        ),
      );
    if (owned) return owned.orgId;
  }
  const found = await ctx.db.select({ id: orgs.id }).from(orgs).limit(2);
  const [only] = found;
  if (only && found.length === 1) return only.id;
  throw new DomainError(
    "VALIDATION",
    `${path}: required, since there is more than one organisation (GET /v1/orgs lists them)`,
    [{ path, message: "required when there is more than one organisation" }],
  );
}
