/**
 * GitHub webhook payloads mapped to four-key inputs, with the Four Keys conventions: commits pushed
 * are changes (id = commit sha, service = repository), a successful deployment status is a deployment,
 * and an issue labelled `incident` is an incident whose body names its cause as `root cause: <sha>`.
 * Only the fields used here are typed; GitHub sends many more.
 */

export interface GithubRepository {
  full_name: string;
  default_branch?: string | undefined;
}

export interface GithubPush {
  ref: string;
  deleted?: boolean | undefined;
  repository: GithubRepository & { pushed_at?: number | string | null | undefined };
  commits: { id: string; timestamp: string }[];
}

export interface GithubDeploymentStatus {
  deployment_status: { state: string; created_at: string };
  deployment: { id: number; sha: string; environment: string };
  repository: GithubRepository;
}

export interface GithubIssues {
  action: string;
  issue: {
    number: number;
    state: string;
    created_at: string;
    closed_at: string | null;
    body?: string | null | undefined;
    labels: { name: string }[];
  };
  repository: GithubRepository;
}

export const INCIDENT_LABEL = "incident";

export interface PushedChanges {
  repository: string;
  /** Pushes to the default branch are what later deployments of the repository ship. */
  onDefaultBranch: boolean;
  /** When GitHub says the push happened; null when the payload does not say. */
  pushedAt: Date | null;
  changes: { id: string; service: string; committedAt: string }[];
}

export function changesFromPush(push: GithubPush): PushedChanges {
  const repo = push.repository;
  const pushedAt =
    typeof repo.pushed_at === "number"
      ? new Date(repo.pushed_at * 1000)
      : typeof repo.pushed_at === "string"
        ? new Date(repo.pushed_at)
        : null;
  return {
    repository: repo.full_name,
    onDefaultBranch: repo.default_branch !== undefined && push.ref === `refs/heads/${repo.default_branch}`,
    pushedAt: pushedAt && !Number.isNaN(pushedAt.getTime()) ? pushedAt : null,
    changes: push.deleted
      ? []
      : push.commits.map((c) => ({
          id: c.id.toLowerCase(),
          service: repo.full_name,
          committedAt: c.timestamp,
        })),
  };
}

export type Mapped<T> = { kind: "mapped"; value: T } | { kind: "ignored"; reason: string };

export interface MappedDeployment {
  id: string;
  service: string;
  environment: string;
  deployedAt: string;
  sha: string;
}

/** A successful deployment status becomes a deployment; other states are acknowledged and ignored. */
export function deploymentFromStatus(event: GithubDeploymentStatus): Mapped<MappedDeployment> {
  if (event.deployment_status.state !== "success") {
    return {
      kind: "ignored",
      reason: `deployment status "${event.deployment_status.state}" is not a success`,
    };
  }
  return {
    kind: "mapped",
    value: {
      id: `github:deployment:${event.deployment.id}`,
      service: event.repository.full_name,
      environment: event.deployment.environment.toLowerCase(),
      deployedAt: event.deployment_status.created_at,
      sha: event.deployment.sha.toLowerCase(),
    },
  };
}

/** `root cause: <sha>` anywhere in an issue body (case-insensitive); 7 to 40 hex digits, lower-cased. */
export function parseRootCause(body: string | null | undefined): string | null {
  const m = /root[ _-]?cause:\s*`?([0-9a-f]{7,40})\b/i.exec(body ?? "");
  return m?.[1] ? m[1].toLowerCase() : null;
}

export interface MappedIncident {
  id: string;
  service: string;
  createdAt: string;
  resolvedAt: string | null;
  rootCauseChangeId: string | null;
}

export function incidentId(repository: string, issueNumber: number): string {
  return `github:${repository}#${issueNumber}`;
}

/**
 * An issue carrying the `incident` label is an incident, resolved when the issue is closed. An issue
 * that loses the label is no longer one (`remove`); issues that never had it are ignored.
 */
export function incidentFromIssue(
  event: GithubIssues,
):
  | { kind: "upsert"; value: MappedIncident }
  | { kind: "remove"; id: string }
  | { kind: "ignored"; reason: string } {
  const { issue, repository } = event;
  const id = incidentId(repository.full_name, issue.number);
  const labelled = issue.labels.some((l) => l.name.toLowerCase() === INCIDENT_LABEL);
  if (!labelled) {
    return event.action === "unlabeled" || event.action === "deleted"
      ? { kind: "remove", id }
      : { kind: "ignored", reason: `issue is not labelled "${INCIDENT_LABEL}"` };
  }
  if (event.action === "deleted") return { kind: "remove", id };
  return {
    kind: "upsert",
    value: {
      id,
      service: repository.full_name,
      createdAt: issue.created_at,
      resolvedAt: issue.state === "closed" ? issue.closed_at : null,
      rootCauseChangeId: parseRootCause(issue.body),
    },
  };
}
