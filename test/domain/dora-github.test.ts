import { describe, expect, it } from "vitest";
import {
  changesFromPush,
  deploymentFromStatus,
  incidentFromIssue,
  parseRootCause,
} from "../../api/domain/dora/github.js";

const repository = { full_name: "acme/shop", default_branch: "main" };

describe("parseRootCause", () => {
  it.each([
    ["root cause: 9fceb02d0ae598e95dc970b74767f19372d61af8", "9fceb02d0ae598e95dc970b74767f19372d61af8"],
    ["Outage.\n\nRoot Cause: 9FCEB02", "9fceb02"],
    ["root cause: `9fceb02`", "9fceb02"],
    ["root-cause: abcdef0", "abcdef0"],
    ["root cause: 123", null],
    ["root cause: not-a-sha", null],
    ["no cause yet", null],
    [null, null],
  ])("%j → %j", (body, sha) => {
    expect(parseRootCause(body)).toBe(sha);
  });
});

describe("mapping payloads", () => {
  it("maps a push to changes, noting whether it is on the default branch and when it happened", () => {
    const mapped = changesFromPush({
      ref: "refs/heads/main",
      repository: { ...repository, pushed_at: 1741078800 },
      commits: [{ id: "ABC1234", timestamp: "2025-03-04T10:00:00+01:00" }],
    });
    expect(mapped).toEqual({
      repository: "acme/shop",
      onDefaultBranch: true,
      pushedAt: new Date("2025-03-04T09:00:00Z"),
      changes: [{ id: "abc1234", service: "acme/shop", committedAt: "2025-03-04T10:00:00+01:00" }],
    });
    expect(changesFromPush({ ref: "refs/heads/x", repository, commits: [] }).onDefaultBranch).toBe(false);
    expect(
      changesFromPush({ ref: "refs/heads/main", deleted: true, repository, commits: [] }).changes,
    ).toEqual([]);
  });

  it.each([
    ["success", "mapped"],
    ["failure", "ignored"],
    ["in_progress", "ignored"],
  ])("a deployment status %s is %s", (state, kind) => {
    const mapped = deploymentFromStatus({
      deployment_status: { state, created_at: "2025-03-04T10:00:00Z" },
      deployment: { id: 7, sha: "abc", environment: "Production" },
      repository,
    });
    expect(mapped.kind).toBe(kind);
    if (mapped.kind === "mapped")
      expect(mapped.value).toMatchObject({ id: "github:deployment:7", environment: "production" });
  });

  const issue = (action: string, labels: string[], state = "open") => ({
    action,
    issue: {
      number: 3,
      state,
      created_at: "2025-03-04T10:00:00Z",
      closed_at: state === "closed" ? "2025-03-04T12:00:00Z" : null,
      body: "root cause: abcdef1",
      labels: labels.map((name) => ({ name })),
    },
    repository,
  });

  it.each([
    ["an opened incident", issue("opened", ["incident"]), "upsert"],
    ["a closed incident, label in capitals", issue("closed", ["Incident"], "closed"), "upsert"],
    ["a label removed", issue("unlabeled", ["bug"]), "remove"],
    ["a deleted incident", issue("deleted", ["incident"]), "remove"],
    ["a plain bug", issue("opened", ["bug"]), "ignored"],
  ])("%s: %s", (_name, event, kind) => {
    expect(incidentFromIssue(event).kind).toBe(kind);
  });

  it("resolves a closed incident at its closing time", () => {
    const mapped = incidentFromIssue(issue("closed", ["incident"], "closed"));
    expect(mapped).toEqual({
      kind: "upsert",
      value: {
        id: "github:acme/shop#3",
        service: "acme/shop",
        createdAt: "2025-03-04T10:00:00Z",
        resolvedAt: "2025-03-04T12:00:00Z",
        rootCauseChangeId: "abcdef1",
      },
    });
  });
});
