import { asc, eq } from "drizzle-orm";
import { orgChatWorkspaces } from "../../db/schema/org-chat-workspaces.js";
import { type OrgRow, orgs } from "../../db/schema/orgs.js";
import { DomainError, isUniqueViolation } from "../errors.js";
import type { AddChatWorkspace, CreateOrg, Org } from "../schemas/org.js";
import { audit } from "./audit.js";
import { forgetWorkspaces, type ServiceContext } from "./context.js";

async function toOrgs(ctx: ServiceContext, rows: OrgRow[]): Promise<Org[]> {
  const workspaces = await ctx.db
    .select()
    .from(orgChatWorkspaces)
    .orderBy(asc(orgChatWorkspaces.createdAt), asc(orgChatWorkspaces.id));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    retentionDays: row.retentionDays,
    chatWorkspaces: workspaces
      .filter((w) => w.orgId === row.id)
      .map((w) => ({ platform: w.platform as "slack" | "teams", workspaceId: w.workspaceId })),
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Organisations the caller may see: all for admin, else its own. Oldest first. */
export async function listOrgs(ctx: ServiceContext): Promise<Org[]> {
  const q = ctx.db.select().from(orgs).orderBy(asc(orgs.createdAt), asc(orgs.id));
  const rows = ctx.caller.orgId === null ? await q : (await q).filter((o) => o.id === ctx.caller.orgId);
  return toOrgs(ctx, rows);
}

export async function getOrg(ctx: ServiceContext, id: string): Promise<Org> {
  if (ctx.caller.orgId !== null && ctx.caller.orgId !== id)
    throw new DomainError("NOT_FOUND", `No organisation ${id}.`);
  const [row] = await ctx.db.select().from(orgs).where(eq(orgs.id, id));
  if (!row) throw new DomainError("NOT_FOUND", `No organisation ${id}.`);
  const [org] = await toOrgs(ctx, [row]);
  if (!org) throw new Error("unreachable");
  return org;
}

export async function createOrg(ctx: ServiceContext, input: CreateOrg): Promise<Org> {
  try {
    const row = await ctx.database.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(orgs)
        .values({ name: input.name, retentionDays: input.retentionDays ?? null, createdAt: ctx.now })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await audit(tx, ctx, {
        workshopId: null,
        action: "org.create",
        entityType: "org",
        entityId: created.id,
        details: { name: created.name, retentionDays: created.retentionDays },
      });
      return created;
    });
    return { ...toPlainOrg(row), chatWorkspaces: [] };
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DomainError("CONFLICT", `An organisation named "${input.name}" already exists.`, [
        { path: "name", message: "already taken" },
      ]);
    }
    throw err;
  }
}

function toPlainOrg(row: OrgRow): Omit<Org, "chatWorkspaces"> {
  return {
    id: row.id,
    name: row.name,
    retentionDays: row.retentionDays,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Registers a chat workspace as the organisation's. Idempotent for the same organisation; a workspace
 * another organisation already owns is a 409 (a workspace belongs to one organisation at most).
 */
export async function addChatWorkspace(
  ctx: ServiceContext,
  input: AddChatWorkspace & { orgId: string },
): Promise<Org> {
  await getOrg(ctx, input.orgId);
  await ctx.database.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(orgChatWorkspaces)
      .where(eq(orgChatWorkspaces.workspaceId, input.workspaceId));
    const same = existing && existing.platform === input.platform ? existing : undefined;
    if (same && same.orgId === input.orgId) return;
    if (same) {
      throw new DomainError("CONFLICT", `This ${input.platform} workspace belongs to another organisation.`, [
        { path: "workspaceId", message: "owned by another organisation" },
      ]);
    }
    await tx.insert(orgChatWorkspaces).values({ ...input, createdAt: ctx.now });
    await audit(tx, ctx, {
      workshopId: null,
      action: "org.chat-workspace.add",
      entityType: "org",
      entityId: input.orgId,
      details: { platform: input.platform, workspaceId: input.workspaceId },
    });
  });
  forgetWorkspaces();
  return getOrg(ctx, input.orgId);
}
