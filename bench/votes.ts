import { cpus, loadavg, totalmem } from "node:os";
import { eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import postgres from "postgres";
import { createApp } from "../api/app.js";
import { createLogger } from "../api/logger.js";
import { bootstrapAdmin } from "../api/services/bootstrap-admin.js";
import { rotateInProcessBotToken } from "../api/services/internal-token.js";
import { createApiClient } from "../bot/api-client.js";
import { encodeVote } from "../bot/core/action-ids.js";
import { createCore } from "../bot/core/agenda.js";
import { TimerRelay } from "../bot/core/relay.js";
import { createSlackApp } from "../bot/slack/app.js";
import { createPostgresDb } from "../db/postgres.js";
import { votes } from "../db/schema/votes.js";
import type { Database } from "../db/types.js";
import { buttonBody, signSlack, startSlackRecorder } from "../test/helpers/slack.js";
import { fmt, keepAliveClient, type LoadResult, listen, load, percentile, scratchPostgres } from "./lib.js";

/**
 * Issue 4's targets, on PostgreSQL, 200 voters in flight:
 * - votes per second through `PUT /v1/polls/{id}/votes` (one vote per request) ≥ 60% of the bare
 *   baseline — a minimal Hono route inserting one row with postgres.js, same pool size, same load;
 * - votes per second through signed Slack `block_actions` requests (verified, acknowledged, run through
 *   Bolt and the core, voted through the in-process API, answered on the response URL) ≥ 40% of it,
 *   with the p99 acknowledgement under 250 ms.
 * A scorecard of 5 options × 7 factors; each of 200 voters scores every cell, so most requests
 * insert and some replace. The load generator and the Slack recorder run in this same process.
 */
const VOTERS = Number(process.env.BENCH_VOTERS ?? 200);
const TOTAL = Number(process.env.BENCH_VOTES ?? 7000);
const SECRET = "bench-signing-secret";
const quiet = {
  info() {},
  warn: (o: object, m?: string) => process.env.BENCH_DEBUG && console.warn(m, o),
  error: (o: object, m?: string) => process.env.BENCH_DEBUG && console.error(m, o),
};

interface Cell {
  option: string;
  factor: string;
}

async function baseline(url: string): Promise<LoadResult> {
  const pg = postgres(url, { max: 10, onnotice: () => {} });
  await pg`create table if not exists bench_baseline_votes (id uuid primary key default gen_random_uuid(), poll_id uuid not null, voter text not null, value smallint not null, created_at timestamptz not null default now())`;
  const app = new Hono().put("/v/:poll", async (c) => {
    const body = await c.req.json<{ voter: string; value: number }>();
    const [row] =
      await pg`insert into bench_baseline_votes (poll_id, voter, value) values (${c.req.param("poll")}, ${body.voter}, ${body.value}) returning id`;
    return c.json(row, 200);
  });
  const server = await listen(app.fetch);
  const http = keepAliveClient(server.url, VOTERS);
  const poll = "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f";
  const call = async (i: number) =>
    (
      await http.request(
        "PUT",
        `/v/${poll}`,
        { "Content-Type": "application/json" },
        JSON.stringify({ voter: `slack:U${i % VOTERS}`, value: (i % 3) + 1 }),
      )
    ).status === 200;
  await load(500, VOTERS, call);
  const result = await load(TOTAL, VOTERS, call);
  http.close();
  await server.close();
  await pg.end();
  return result;
}

/** A workshop with a running session bound to channel `CV`, and a scorecard poll in it. */
async function setUp(database: Database) {
  const admin = await bootstrapAdmin(database.db, undefined, new Date());
  if (admin.kind !== "generated") throw new Error("expected an empty database");
  const app = createApp({ database, logger: createLogger("silent") });
  const botToken = await rotateInProcessBotToken(database.db, new Date());
  const bot = createApiClient({ fetch: app.fetch, token: botToken });
  const fac = { platform: "slack" as const, userId: "UFAC", displayName: "Fran" };
  const w = await createApiClient({ fetch: app.fetch, token: admin.token }).createWorkshop({
    name: "Bench votes",
    timezone: "UTC",
    startDate: new Date().toISOString().slice(0, 10),
    agenda: [{ day: 1, start: "00:00", end: "23:59", kind: "session", title: "Scoring" }],
  });
  await bot.bindChannel({ platform: "slack", channelId: "CV" }, w.id, fac);
  await bot.agendaAction(w.id, { action: "start", actor: fac });
  return { app, admin: admin.token, bot, botToken, fac, workshopId: w.id };
}

const cellOf = (cells: Cell[], i: number) => cells[Math.floor(i / VOTERS) % cells.length] as Cell;
const LMH = ["L", "M", "H"] as const;

async function apiPath(database: Database): Promise<{ result: LoadResult; rows: number }> {
  const s = await setUp(database);
  const poll = await s.bot.createPoll(s.workshopId, { kind: "scorecard", actor: s.fac });
  const cells = poll.options.flatMap((o) => poll.factors.map((f) => ({ option: o.key, factor: f.key })));
  const server = await listen(s.app.fetch);
  const http = keepAliveClient(server.url, VOTERS);
  const headers = { Authorization: `Bearer ${s.botToken}`, "Content-Type": "application/json" };
  const vote = async (i: number, round = 0) => {
    const cell = cellOf(cells, i);
    const res = await http.request(
      "PUT",
      `/v1/polls/${poll.id}/votes`,
      headers,
      JSON.stringify({
        actor: { platform: "slack", userId: `U${i % VOTERS}`, displayName: `Voter ${i % VOTERS}` },
        votes: [{ option: cell.option, factor: cell.factor, value: LMH[(i + round) % 3] }],
      }),
    );
    return res.status === 200;
  };
  await load(500, VOTERS, (i) => vote(i, 1)); // warm-up: the same cells, so the timed run replaces some
  const result = await load(TOTAL, VOTERS, (i) => vote(i));
  http.close();
  await server.close();
  const rows = (await database.db.select().from(votes).where(eq(votes.pollId, poll.id))).length;
  return { result, rows };
}

async function slackPath(database: Database) {
  const s = await setUp(database);
  const recorder = await startSlackRecorder();
  recorder.members.set(
    "CV",
    Array.from({ length: VOTERS }, (_, i) => `U${i}`),
  );
  const core = createCore({ api: s.bot });
  const slack = createSlackApp(
    { botToken: "xoxb-bench", signingSecret: SECRET, apiUrl: recorder.apiUrl },
    core,
    quiet,
  );
  await slack.start();
  const poll = await s.bot.createPoll(s.workshopId, { kind: "scorecard", actor: s.fac });
  // The relay posts the session's start message and the poll's cards, which votes then keep updated.
  const relay = new TimerRelay({ api: s.bot, posters: { slack: slack.poster }, logger: quiet });
  await relay.tick();
  await relay.tick();
  const cells = poll.options.flatMap((o) => poll.factors.map((f) => ({ option: o.key, factor: f.key })));
  const server = await listen((req) =>
    slack.handle ? slack.handle(req) : new Response("", { status: 404 }),
  );
  const http = keepAliveClient(server.url, VOTERS);
  const acks: number[] = [];
  const answers: number[] = [];
  // A voter clicks, gets Slack's acknowledgement, then waits for the answer only they see (on the
  // response URL) before clicking again: 200 voters, at most one click each in flight.
  const click = async (i: number, round: number) => {
    const cell = cellOf(cells, i);
    const id = `v${round}-${i}`;
    const body = buttonBody({
      actionId: encodeVote({
        pollId: poll.id,
        option: cell.option,
        factor: cell.factor,
        view: "",
        value: LMH[(i + round) % 3] ?? "M",
      }),
      userId: `U${i % VOTERS}`,
      userName: `voter${i % VOTERS}`,
      channelId: "CV",
      responseUrl: recorder.responseUrl(id),
      actionTs: `${round}${i}.000001`,
    });
    const t0 = performance.now();
    const res = await http.request(
      "POST",
      "/slack/events",
      { "Content-Type": "application/x-www-form-urlencoded", ...signSlack(body, SECRET) },
      body,
    );
    const acked = performance.now();
    await recorder.answeredOn(id);
    if (round === 0) {
      acks.push(acked - t0);
      answers.push(performance.now() - t0);
    }
    return res.status === 200;
  };
  await load(500, VOTERS, (i) => click(i, 1)); // warm-up
  const before = recorder.of("response_url").length;
  const result = await load(TOTAL, VOTERS, (i) => click(i, 0));
  const mine = recorder.of("response_url").slice(before);
  const warnings = mine.filter((c) => String(c.body.text).startsWith(":warning:")).length;
  await new Promise((r) => setTimeout(r, 1500)); // let the last card refresh run
  const updates = recorder.of("chat.update").length;
  http.close();
  await server.close();
  await recorder.close();
  acks.sort((a, b) => a - b);
  answers.sort((a, b) => a - b);
  const rows = (await database.db.select().from(votes).where(eq(votes.pollId, poll.id))).length;
  return {
    perSecond: result.perSecond,
    seconds: result.seconds,
    answered: mine.length,
    warnings,
    sendErrors: result.errors,
    ackP50: percentile(acks, 50),
    ackP99: percentile(acks, 99),
    ackMax: acks.at(-1) ?? Number.NaN,
    answerP50: percentile(answers, 50),
    answerP99: percentile(answers, 99),
    updates,
    rows,
  };
}

export async function benchVotes(): Promise<void> {
  console.log(`\n## Votes on PostgreSQL — ${TOTAL} votes, ${VOTERS} voters in flight`);
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB; load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const scratch = await scratchPostgres(
    process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  );
  if (!scratch) return;
  try {
    const base = await baseline(scratch.url);
    const apiDb = createPostgresDb(scratch.url);
    await apiDb.migrate();
    let api: Awaited<ReturnType<typeof apiPath>>;
    try {
      api = await apiPath(apiDb);
    } finally {
      await apiDb.close();
    }
    // A fresh schema state for the Slack run: drop what the API run wrote.
    const slackDb = createPostgresDb(scratch.url);
    let slack: Awaited<ReturnType<typeof slackPath>>;
    try {
      await slackDb.rows(
        sql`truncate votes, polls, timer_events, agenda_actions, agenda_items, channel_bindings, workshop_facilitators, audit_log, workshops, api_tokens cascade`,
      );
      slack = await slackPath(slackDb);
    } finally {
      await slackDb.close();
    }
    console.log("");
    console.log("| path | votes/s | vs baseline | p50 ms | p99 ms | errors | vote rows |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    console.log(
      `| baseline: bare Hono + postgres.js, one-row insert | ${fmt(base.perSecond, 0)} | 1.00 | ${fmt(base.p50Ms)} | ${fmt(base.p99Ms)} | ${base.errors} | – |`,
    );
    console.log(
      `| PUT /v1/polls/{id}/votes (HTTP) | ${fmt(api.result.perSecond, 0)} | ${fmt(api.result.perSecond / base.perSecond, 2)} | ${fmt(api.result.p50Ms)} | ${fmt(api.result.p99Ms)} | ${api.result.errors} | ${api.rows} |`,
    );
    console.log(
      `| signed Slack block_actions, answered | ${fmt(slack.perSecond, 0)} | ${fmt(slack.perSecond / base.perSecond, 2)} | ack ${fmt(slack.ackP50)} | ack ${fmt(slack.ackP99)} | ${slack.sendErrors + slack.warnings} | ${slack.rows} |`,
    );
    console.log("");
    console.log(
      `Slack: ${slack.answered}/${TOTAL} clicks answered on their response URL in ${fmt(slack.seconds, 1)} s; ack max ${fmt(slack.ackMax)} ms; click to answer p50 ${fmt(slack.answerP50)} ms, p99 ${fmt(slack.answerP99)} ms; ${slack.updates} chat.update calls (cards coalesced to ≤ 1/s each).`,
    );
    console.log(
      `Targets: API ≥ 0.60 × baseline (${api.result.perSecond / base.perSecond >= 0.6 ? "met" : "NOT met"}), Slack ≥ 0.40 × baseline (${slack.perSecond / base.perSecond >= 0.4 ? "met" : "NOT met"}), Slack p99 ack < 250 ms (${slack.ackP99 < 250 ? "met" : "NOT met"}).`,
    );
  } finally {
    await scratch.drop();
  }
}

/** Profiling aid: only the API path (`node --import tsx --cpu-prof …`). */
export async function benchVotesApiOnly(): Promise<void> {
  const scratch = await scratchPostgres(
    process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  );
  if (!scratch) return;
  const db = createPostgresDb(scratch.url);
  try {
    await db.migrate();
    const { result } = await apiPath(db);
    console.log(
      `API path: ${fmt(result.perSecond, 0)} votes/s, p50 ${fmt(result.p50Ms)} ms, p99 ${fmt(result.p99Ms)} ms, errors ${result.errors}`,
    );
  } finally {
    await db.close();
    await scratch.drop();
  }
}

/** Profiling aid: only the Slack path. */
export async function benchVotesSlackOnly(): Promise<void> {
  const scratch = await scratchPostgres(
    process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  );
  if (!scratch) return;
  const db = createPostgresDb(scratch.url);
  try {
    await db.migrate();
    const r = await slackPath(db);
    console.log(
      `Slack path: ${fmt(r.perSecond, 0)} votes/s, ack p50 ${fmt(r.ackP50)} p99 ${fmt(r.ackP99)} max ${fmt(r.ackMax)} ms, answer p50 ${fmt(r.answerP50)} p99 ${fmt(r.answerP99)} ms, answered ${r.answered}, warnings ${r.warnings}, updates ${r.updates}, rows ${r.rows}`,
    );
  } finally {
    await db.close();
    await scratch.drop();
  }
}
