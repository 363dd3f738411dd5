import { Writable } from "node:stream";
import { createApp } from "../../api/app.js";
import type { AppDeps } from "../../api/context.js";
import { createLogger } from "../../api/logger.js";
import { bootstrapAdmin } from "../../api/services/bootstrap-admin.js";
import { systemContext } from "../../api/services/context.js";
import { createToken } from "../../api/services/tokens.js";
import type { Role } from "../../db/schema/api-tokens.js";
import { createTestDatabase, type TestDatabase } from "./db.js";

/** A clock tests move by hand; `tick(ms)` makes every reading advance it, so readings are ordered. */
export function fakeClock(start = "2026-03-02T08:00:00.000Z") {
  let t = new Date(start).getTime();
  let step = 0;
  /** While set (`realTime()`), readings follow the real clock from where the fake one stood. */
  let offset: number | undefined;
  return {
    now: () => {
      if (offset !== undefined) return new Date(Date.now() + offset);
      const at = new Date(t);
      t += step;
      return at;
    },
    /** From now on time passes as in reality (for timing tests); `set` or `advance` stop that. */
    realTime() {
      offset = t - Date.now();
    },
    tick(ms: number) {
      step = ms;
    },
    advance(ms: number) {
      if (offset !== undefined) t = Date.now() + offset;
      offset = undefined;
      t += ms;
    },
    set(iso: string) {
      offset = undefined;
      t = new Date(iso).getTime();
    },
  };
}

/** Collects log lines as parsed JSON, so tests can assert what was (not) logged. */
export function logSink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  return { stream, lines, text: () => lines.join("\n") };
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The real app on a real database, with an admin token and a token per role on demand. */
export async function createTestApp(
  opts: Pick<
    AppDeps,
    | "bodyLimitBytes"
    | "planBodyLimitBytes"
    | "ingestBodyLimitBytes"
    | "githubWebhookSecret"
    | "tokenCacheSeconds"
    | "rateLimit"
    | "trustProxy"
  > = {},
) {
  const database: TestDatabase = await createTestDatabase();
  const clock = fakeClock();
  const logs = logSink();
  const logger = createLogger("info", logs.stream);
  const app = createApp({ database, logger, now: clock.now, ...opts });
  const bootstrap = await bootstrapAdmin(database, undefined, clock.now());
  if (bootstrap.kind !== "generated") throw new Error("expected a generated admin token");
  const adminToken = bootstrap.token;
  const tokens = new Map<Role, string>([["admin", adminToken]]);

  async function tokenFor(role: Role): Promise<string> {
    const known = tokens.get(role);
    if (known) return known;
    const created = await createToken(systemContext(database, clock.now()), { name: `test-${role}`, role });
    tokens.set(role, created.token);
    return created.token;
  }

  /** A request with JSON in and out; `token` defaults to the admin's, `null` sends none. */
  async function request(method: string, path: string, o: RequestOptions = {}) {
    const headers: Record<string, string> = { ...o.headers };
    const token = o.token === undefined ? adminToken : o.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
      headers["Content-Type"] ??= "application/json";
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    // biome-ignore lint/suspicious/noExplicitAny: test responses are asserted field by field
    return { status: res.status, headers: res.headers, text, json: json as any };
  }

  return { app, database, clock, logs, adminToken, tokenFor, request, close: () => database.destroy() };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export const SLACK_FACILITATOR = {
  platform: "slack",
  userId: "UFAC",
  displayName: "Fran Facilitator",
} as const;
export const SLACK_STAKEHOLDER = {
  platform: "slack",
  userId: "USTAKE",
  displayName: "Sam Stakeholder",
} as const;

/**
 * A workshop with a custom agenda of 30-minute items from 09:00 UTC on the fake clock's day, bound to
 * `channels` Slack channels by a bot acting for SLACK_FACILITATOR, whom the admin made its facilitator;
 * the first session produces `outputs`.
 */
export async function createBoundWorkshop(
  t: TestApp,
  opts: { items?: number; channels?: string[]; outputs?: string[] } = {},
) {
  const day = t.clock.now().toISOString().slice(0, 10);
  const agenda = Array.from({ length: opts.items ?? 3 }, (_, i) => {
    const start = 9 * 60 + i * 30;
    const hhmm = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    const outputs = i === 0 && opts.outputs ? { outputs: opts.outputs } : {};
    return {
      day: 1,
      start: hhmm(start),
      end: hhmm(start + 30),
      kind: "session",
      title: `Session ${i + 1}`,
      ...outputs,
    };
  });
  const created = await t.request("POST", "/v1/workshops", {
    body: { name: `W ${Math.random().toString(36).slice(2, 8)}`, timezone: "UTC", startDate: day, agenda },
  });
  if (created.status !== 201) throw new Error(`workshop: ${created.text}`);
  const bot = await t.tokenFor("bot");
  const added = await t.request("POST", `/v1/workshops/${created.json.id}/facilitators`, {
    body: { facilitator: SLACK_FACILITATOR },
  });
  if (added.status !== 200) throw new Error(`facilitator: ${added.text}`);
  for (const channel of opts.channels ?? ["C1"]) {
    const bound = await t.request("PUT", `/v1/channels/slack/${channel}/binding`, {
      token: bot,
      body: { workshopId: created.json.id, actor: SLACK_FACILITATOR },
    });
    if (bound.status !== 200) throw new Error(`binding: ${bound.text}`);
  }
  return { id: created.json.id as string, bot };
}
