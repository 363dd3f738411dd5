import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { queryRows } from "../../db/rows.js";
import { doraIncidents } from "../../db/schema/dora-incidents.js";
import { githubDeliveries } from "../../db/schema/github-deliveries.js";
import { githubPushedCommits } from "../../db/schema/github-pushed-commits.js";
import type { Tx } from "../../db/types.js";
import {
  changesFromPush,
  deploymentFromStatus,
  type GithubDeploymentStatus,
  type GithubIssues,
  type GithubPush,
  incidentFromIssue,
} from "../domain/dora/github.js";
import { validationError } from "../errors.js";
import {
  DeploymentStatusEvent,
  type GithubWebhookResult,
  IssuesEvent,
  PushEvent,
} from "../schemas/github.js";
import { audit } from "./audit.js";
import type { ServiceContext } from "./context.js";
import { upsertChanges, upsertDeployments, upsertIncidents } from "./dora-ingest.js";

type Outcome = Omit<GithubWebhookResult, "delivery" | "event" | "duplicate">;

export interface GithubDelivery {
  id: string;
  event: string;
  payload: unknown;
}

function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success)
    throw validationError(parsed.error.issues.map((i) => ({ ...i, path: ["payload", ...i.path] })));
  return parsed.data;
}

/**
 * Applies one GitHub delivery, once: the delivery id is recorded in the same transaction as its
 * effects, so a redelivery (or a retry racing the first attempt) changes nothing and answers what
 * the first one did. A payload Baton cannot read is refused with 400 and not recorded, so a
 * corrected redelivery still works.
 */
export async function handleGithubDelivery(
  ctx: ServiceContext,
  delivery: GithubDelivery,
): Promise<GithubWebhookResult> {
  const { now } = ctx;
  // The route names the organisation (webhookCaller): the repository's data is that organisation's.
  const orgId = ctx.caller.orgId;
  if (!orgId) throw new Error("handleGithubDelivery: the caller has no organisation");
  const head = { delivery: delivery.id, event: delivery.event };
  return ctx.database.db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(githubDeliveries)
      .values({ id: delivery.id, event: delivery.event, receivedAt: now })
      .onConflictDoNothing()
      .returning({ id: githubDeliveries.id });
    if (!fresh) {
      const [seen] = await tx.select().from(githubDeliveries).where(eq(githubDeliveries.id, delivery.id));
      return { ...head, duplicate: true, ...(seen?.outcome as Outcome) };
    }
    const outcome = await apply(tx, orgId, delivery, now);
    await tx.update(githubDeliveries).set({ outcome }).where(eq(githubDeliveries.id, delivery.id));
    await audit(tx, ctx, {
      workshopId: null,
      action: `github.${delivery.event}`,
      entityType: "github_delivery",
      entityId: delivery.id,
      details: outcome,
    });
    return { ...head, duplicate: false, ...outcome };
  });
}

async function apply(tx: Tx, orgId: string, delivery: GithubDelivery, now: Date): Promise<Outcome> {
  switch (delivery.event) {
    case "ping":
      return { outcome: "pong" };
    case "push":
      return applyPush(tx, orgId, parse(PushEvent, delivery.payload) as GithubPush, now);
    case "deployment_status":
      return applyDeploymentStatus(tx, orgId, parse(DeploymentStatusEvent, delivery.payload), now);
    case "issues":
      return applyIssue(tx, orgId, parse(IssuesEvent, delivery.payload), now);
    default:
      return { outcome: `ignored: Baton does not use "${delivery.event}" events` };
  }
}

async function applyPush(tx: Tx, orgId: string, push: GithubPush, now: Date): Promise<Outcome> {
  const mapped = changesFromPush(push);
  const changes = mapped.changes.map((c) => ({ ...c, committedAt: new Date(c.committedAt).toISOString() }));
  if (changes.length === 0) return { outcome: "ignored: the push has no commits", changes: 0 };
  await upsertChanges(tx, orgId, changes, now);
  if (mapped.onDefaultBranch) {
    const pushedAt = mapped.pushedAt ?? now;
    await tx
      .insert(githubPushedCommits)
      .values(changes.map((c) => ({ orgId, repository: mapped.repository, sha: c.id, pushedAt })))
      .onConflictDoNothing();
  }
  return {
    outcome: mapped.onDefaultBranch
      ? "changes recorded; the next deployment of the repository ships them"
      : "changes recorded; not on the default branch, so no deployment ships them",
    changes: changes.length,
  };
}

/**
 * A successful deployment ships the commits pushed to the repository's default branch after its
 * previous successful deployment to the same environment, up to its own time.
 */
async function applyDeploymentStatus(
  tx: Tx,
  orgId: string,
  event: GithubDeploymentStatus,
  now: Date,
): Promise<Outcome> {
  const mapped = deploymentFromStatus(event);
  if (mapped.kind === "ignored") return { outcome: `ignored: ${mapped.reason}` };
  const d = mapped.value;
  const deployedAt = new Date(d.deployedAt).toISOString();
  const shipped = await queryRows<{ sha: string }>(
    tx,
    sql`
    select p.sha from github_pushed_commits p
    where p.org_id = ${orgId}::uuid and p.repository = ${d.service} and p.pushed_at <= ${deployedAt}::timestamptz
      and p.pushed_at > coalesce((
        select max(x.deployed_at) from dora_deployments x
        where x.org_id = ${orgId}::uuid and x.service = ${d.service} and x.environment = ${d.environment} and x.status = 'success'
          and x.deployed_at < ${deployedAt}::timestamptz and x.id <> ${d.id}
      ), '-infinity'::timestamptz)
    order by p.pushed_at, p.sha`,
  );
  const changeIds = shipped.map((r) => r.sha);
  await upsertDeployments(
    tx,
    orgId,
    [{ id: d.id, service: d.service, environment: d.environment, status: "success", deployedAt, changeIds }],
    now,
  );
  return { outcome: "deployment recorded", deploymentId: d.id, linkedChanges: changeIds.length };
}

async function applyIssue(tx: Tx, orgId: string, event: GithubIssues, now: Date): Promise<Outcome> {
  const mapped = incidentFromIssue(event);
  if (mapped.kind === "ignored") return { outcome: `ignored: ${mapped.reason}` };
  if (mapped.kind === "remove") {
    await tx
      .delete(doraIncidents)
      .where(and(eq(doraIncidents.orgId, orgId), eq(doraIncidents.id, mapped.id)));
    return { outcome: "incident removed: the issue no longer has the incident label", incidentId: mapped.id };
  }
  const i = mapped.value;
  const rootCauseChangeId = i.rootCauseChangeId && (await fullSha(tx, orgId, i.service, i.rootCauseChangeId));
  await upsertIncidents(
    tx,
    orgId,
    [
      {
        id: i.id,
        service: i.service,
        createdAt: new Date(i.createdAt).toISOString(),
        resolvedAt: i.resolvedAt && new Date(i.resolvedAt).toISOString(),
        rootCauseChangeId,
      },
    ],
    now,
  );
  return {
    outcome: i.resolvedAt ? "incident recorded as resolved" : "incident recorded as open",
    incidentId: i.id,
    rootCauseChangeId,
  };
}

/** An abbreviated sha becomes the one full sha of the repository it abbreviates, when there is exactly one. */
async function fullSha(tx: Tx, orgId: string, repository: string, sha: string): Promise<string> {
  if (sha.length >= 40) return sha;
  const matches = await tx
    .select({ sha: githubPushedCommits.sha })
    .from(githubPushedCommits)
    .where(
      and(
        eq(githubPushedCommits.orgId, orgId),
        eq(githubPushedCommits.repository, repository),
        sql`left(${githubPushedCommits.sha}, ${sha.length}) = ${sha}`,
      ),
    )
    .limit(2);
  return matches.length === 1 && matches[0] ? matches[0].sha : sha;
}
