import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { signGithubPayload } from "../../api/lib/github-signature.js";
import { createLogger } from "../../api/logger.js";
import { doraChanges } from "../../db/schema/dora-changes.js";
import { doraDeploymentChanges } from "../../db/schema/dora-deployment-changes.js";
import { doraDeployments } from "../../db/schema/dora-deployments.js";
import { doraIncidents } from "../../db/schema/dora-incidents.js";
import { githubDeliveries } from "../../db/schema/github-deliveries.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

const SECRET = "It's a Secret to Everybody";

let t: TestApp;
let delivery = 0;
beforeAll(async () => {
  t = await createTestApp({ githubWebhookSecret: SECRET });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.database.db.execute(
    sql`truncate dora_deployment_changes, dora_deployments, dora_changes, dora_incidents, github_deliveries, github_pushed_commits`,
  );
});

interface Send {
  event: string;
  payload: unknown;
  id?: string;
  signature?: string | null;
  secret?: string;
  form?: boolean;
}

async function send(o: Send, app = t.app) {
  const json = JSON.stringify(o.payload);
  const body = o.form ? `payload=${encodeURIComponent(json)}` : json;
  const headers: Record<string, string> = {
    "Content-Type": o.form ? "application/x-www-form-urlencoded" : "application/json",
    "X-GitHub-Event": o.event,
    "X-GitHub-Delivery": o.id ?? `delivery-${++delivery}`,
  };
  const signature =
    o.signature === undefined ? await signGithubPayload(o.secret ?? SECRET, body) : o.signature;
  if (signature !== null) headers["X-Hub-Signature-256"] = signature;
  const res = await app.request("/v1/webhooks/github", { method: "POST", headers, body });
  return {
    status: res.status,
    json: (await res.json()) as Record<string, unknown> & { error?: { code: string } },
  };
}

const repository = { full_name: "acme/shop", default_branch: "main" };

const push = (shas: [string, string][], pushedAt: string, ref = "refs/heads/main") => ({
  ref,
  repository: { ...repository, pushed_at: Date.parse(pushedAt) / 1000 },
  commits: shas.map(([id, timestamp]) => ({ id, timestamp, message: "…" })),
});

const deploymentStatus = (id: number, state: string, at: string, environment = "production") => ({
  deployment_status: { state, created_at: at },
  deployment: { id, sha: "f".repeat(40), environment },
  repository,
});

const issue = (
  action: string,
  number: number,
  o: { labels?: string[]; closedAt?: string | null; body?: string },
) => ({
  action,
  issue: {
    number,
    state: o.closedAt ? "closed" : "open",
    created_at: "2025-03-05T10:00:00Z",
    closed_at: o.closedAt ?? null,
    body: o.body ?? "",
    labels: (o.labels ?? ["incident"]).map((name) => ({ name })),
  },
  repository,
});

const sha = (c: string) => c.repeat(40);

describe("signatures", () => {
  it("accepts a good signature, without any bearer token", async () => {
    const res = await send({ event: "ping", payload: { zen: "Keep it logically awesome." } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ event: "ping", duplicate: false, outcome: "pong" });
  });

  it.each([
    ["a signature made with another secret", { secret: "not the secret" }],
    ["a malformed signature", { signature: "sha1=abc" }],
    ["a missing header", { signature: null }],
  ])("refuses %s with 401 and records nothing", async (_name, o) => {
    const res = await send({
      event: "push",
      payload: push([[sha("a"), "2025-03-04T09:00:00Z"]], "2025-03-04T09:01:00Z"),
      ...o,
    });
    expect(res.status).toBe(401);
    expect(res.json.error?.code).toBe("UNAUTHORIZED");
    expect(await t.database.db.select().from(doraChanges)).toEqual([]);
    expect(await t.database.db.select().from(githubDeliveries)).toEqual([]);
  });

  it("refuses a body changed after signing", async () => {
    const body = JSON.stringify({ zen: "a" });
    const res = await t.app.request("/v1/webhooks/github", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-GitHub-Event": "ping",
        "X-GitHub-Delivery": "tampered",
        "X-Hub-Signature-256": await signGithubPayload(SECRET, body),
      },
      body: JSON.stringify({ zen: "b" }),
    });
    expect(res.status).toBe(401);
  });

  it("answers 503 when no secret is configured", async () => {
    const unconfigured = createApp({ database: t.database, logger: createLogger("silent") });
    const res = await send({ event: "ping", payload: {} }, unconfigured);
    expect(res.status).toBe(503);
    expect(res.json.error?.code).toBe("UNAVAILABLE");
  });

  it.each([
    ["X-GitHub-Event", { "X-GitHub-Delivery": "d-1" }],
    ["X-GitHub-Delivery", { "X-GitHub-Event": "ping" }],
  ])("refuses a delivery without %s", async (header, headers) => {
    const body = "{}";
    const res = await t.app.request("/v1/webhooks/github", {
      method: "POST",
      headers: {
        ...headers,
        "Content-Type": "application/json",
        "X-Hub-Signature-256": await signGithubPayload(SECRET, body),
      },
      body,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe(
      header,
    );
  });
});

describe("deliveries", () => {
  it("acknowledges and ignores an event Baton does not use", async () => {
    const res = await send({ event: "star", payload: { action: "created" } });
    expect(res.status).toBe(200);
    expect(res.json.outcome).toBe('ignored: Baton does not use "star" events');
  });

  it("changes nothing on redelivery and answers what the first delivery did", async () => {
    const payload = push([[sha("a"), "2025-03-04T09:00:00Z"]], "2025-03-04T09:01:00Z");
    const first = await send({ event: "push", payload, id: "same" });
    await t.database.db.update(doraChanges).set({ service: "edited since" });
    const again = await send({ event: "push", payload, id: "same" });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ ...first.json, duplicate: true });
    const [row] = await t.database.db.select().from(doraChanges);
    expect(row?.service).toBe("edited since");
  });

  it("takes a form-encoded payload", async () => {
    const res = await send({
      event: "push",
      payload: push([[sha("b"), "2025-03-04T09:00:00Z"]], "2025-03-04T09:01:00Z"),
      form: true,
    });
    expect(res.status).toBe(200);
    expect(await t.database.db.select().from(doraChanges)).toHaveLength(1);
  });

  it("refuses a payload it cannot read with 400, and a corrected redelivery still works", async () => {
    const bad = await send({ event: "push", payload: { ref: "refs/heads/main" }, id: "fix-me" });
    expect(bad.status).toBe(400);
    const good = await send({
      event: "push",
      payload: push([[sha("c"), "2025-03-04T09:00:00Z"]], "2025-03-04T09:01:00Z"),
      id: "fix-me",
    });
    expect(good.status).toBe(200);
    expect(good.json.duplicate).toBe(false);
  });
});

describe("the Four Keys mapping", () => {
  it("maps pushed commits to changes of the repository, with their commit time", async () => {
    const res = await send({
      event: "push",
      payload: push([[sha("A"), "2025-03-04T10:00:00+01:00"]], "2025-03-04T09:30:00Z"),
    });
    expect(res.json).toMatchObject({ changes: 1 });
    expect(await t.database.db.select().from(doraChanges)).toEqual([
      expect.objectContaining({
        id: sha("a"),
        service: "acme/shop",
        committedAt: new Date("2025-03-04T09:00:00Z"),
      }),
    ]);
  });

  it("ships with a successful deployment the commits pushed since the previous deployment", async () => {
    await send({
      event: "push",
      payload: push(
        [
          [sha("1"), "2025-03-04T08:00:00Z"],
          [sha("2"), "2025-03-04T08:30:00Z"],
        ],
        "2025-03-04T09:00:00Z",
      ),
    });
    await send({
      event: "deployment_status",
      payload: deploymentStatus(101, "success", "2025-03-04T10:00:00Z"),
    });
    await send({
      event: "push",
      payload: push([[sha("3"), "2025-03-04T11:00:00Z"]], "2025-03-04T11:05:00Z"),
    });
    // A feature-branch push is a change, but no deployment of the repository ships it.
    await send({
      event: "push",
      payload: push([[sha("4"), "2025-03-04T11:10:00Z"]], "2025-03-04T11:15:00Z", "refs/heads/feature"),
    });
    // A failed deployment is acknowledged and ignored; a staging one does not bound production's.
    const failed = await send({
      event: "deployment_status",
      payload: deploymentStatus(102, "failure", "2025-03-04T11:30:00Z"),
    });
    expect(failed.json.outcome).toBe('ignored: deployment status "failure" is not a success');
    await send({
      event: "deployment_status",
      payload: deploymentStatus(103, "success", "2025-03-04T11:40:00Z", "Staging"),
    });
    const res = await send({
      event: "deployment_status",
      payload: deploymentStatus(104, "success", "2025-03-04T12:00:00Z"),
    });
    expect(res.json).toMatchObject({ deploymentId: "github:deployment:104", linkedChanges: 1 });

    const links = await t.database.db.select().from(doraDeploymentChanges);
    const shipped = (id: string) =>
      links
        .filter((l) => l.deploymentId === id)
        .map((l) => l.changeId)
        .sort();
    expect(shipped("github:deployment:101")).toEqual([sha("1"), sha("2")]);
    expect(shipped("github:deployment:104")).toEqual([sha("3")]);
    expect(shipped("github:deployment:103")).toEqual([sha("1"), sha("2"), sha("3")]);
    const deployments = await t.database.db.select().from(doraDeployments);
    expect(deployments.map((d) => [d.id, d.environment, d.service]).sort()).toEqual([
      ["github:deployment:101", "production", "acme/shop"],
      ["github:deployment:103", "staging", "acme/shop"],
      ["github:deployment:104", "production", "acme/shop"],
    ]);
    expect(await t.database.db.select().from(doraChanges)).toHaveLength(4);
  });

  it("maps an issue labelled incident to an incident with its root cause, resolved when closed", async () => {
    await send({
      event: "push",
      payload: push([[sha("9"), "2025-03-04T08:00:00Z"]], "2025-03-04T09:00:00Z"),
    });
    const opened = await send({
      event: "issues",
      payload: issue("labeled", 7, { body: "Checkout is down.\n\nroot cause: 9999999" }),
    });
    expect(opened.json).toMatchObject({
      incidentId: "github:acme/shop#7",
      rootCauseChangeId: sha("9"),
      outcome: "incident recorded as open",
    });
    await send({
      event: "issues",
      payload: issue("closed", 7, { body: "root cause: 9999999", closedAt: "2025-03-05T12:00:00Z" }),
    });
    expect(await t.database.db.select().from(doraIncidents)).toEqual([
      expect.objectContaining({
        id: "github:acme/shop#7",
        service: "acme/shop",
        createdAt: new Date("2025-03-05T10:00:00Z"),
        resolvedAt: new Date("2025-03-05T12:00:00Z"),
        rootCauseChangeId: sha("9"),
      }),
    ]);
  });

  it("keeps an incident without a root cause, and removes it when the label goes", async () => {
    const res = await send({ event: "issues", payload: issue("opened", 8, { body: "no idea yet" }) });
    expect(res.json.rootCauseChangeId).toBeNull();
    expect(
      await t.database.db.select().from(doraIncidents).where(eq(doraIncidents.id, "github:acme/shop#8")),
    ).toHaveLength(1);
    const removed = await send({ event: "issues", payload: issue("unlabeled", 8, { labels: ["bug"] }) });
    expect(removed.json.outcome).toBe("incident removed: the issue no longer has the incident label");
    expect(await t.database.db.select().from(doraIncidents)).toEqual([]);
  });

  it("ignores issues that are not incidents", async () => {
    const res = await send({ event: "issues", payload: issue("opened", 9, { labels: ["bug"] }) });
    expect(res.json.outcome).toBe('ignored: issue is not labelled "incident"');
    expect(await t.database.db.select().from(doraIncidents)).toEqual([]);
  });
});
