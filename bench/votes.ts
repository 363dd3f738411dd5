import { loadavg } from "node:os";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import postgres from "postgres";
import { createApp } from "../api/app.js";
import { createLogger } from "../api/logger.js";
import { bootstrapAdmin } from "../api/services/bootstrap-admin.js";
import { rotateInProcessBotToken } from "../api/services/internal-token.js";
import { createApiClient } from "../bot/api-client.js";
import { encodeVote } from "../bot/core/action-ids.js";
import { createCore } from "../bot/core/agenda.js";
import type { BatonApi } from "../bot/core/api.js";
import { TimerRelay } from "../bot/core/relay.js";
import { createSlackApp, type SlackBot } from "../bot/slack/app.js";
import { createPostgresDb } from "../db/postgres.js";
import { votes } from "../db/schema/votes.js";
import type { Database } from "../db/types.js";
import { buttonBody, type SlackRecorder, signSlack, startSlackRecorder } from "../test/helpers/slack.js";
import {
  fmt,
  keepAliveClient,
  type LoadResult,
  listen,
  load,
  machine,
  percentile,
  scratchPostgres,
} from "./lib.js";

/**
 * Issue 4's targets, on PostgreSQL, 200 voters in flight:
 * - votes per second through `PUT /v1/polls/{id}/votes` (one vote per request) ≥ 60% of the bare
 *   baseline — a minimal Hono route inserting one row with postgres.js, same pool size (10), same load;
 * - votes per second through signed Slack `block_actions` requests (verified, acknowledged, run through
 *   Bolt and the core, voted through the in-process API, answered on the response URL) ≥ 40% of it,
 *   with the p99 acknowledgement under 250 ms. A voter waits for the answer to a click (on its
 *   response URL) before the next click, so 200 voters have at most 200 clicks in flight.
 * A scorecard of 5 options × 7 factors; each voter scores every cell, so most votes insert and some
 * replace. The load generator and the Slack recorder run in this same process. The machine may be
 * shared, so the three paths run in turn, `BENCH_ROUNDS` times, and the medians are compared.
 */
const VOTERS = Number(process.env.BENCH_VOTERS ?? 200);
const TOTAL = Number(process.env.BENCH_VOTES ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP = 500;
const SECRET = "bench-signing-secret";
const LMH = ["L", "M", "H"] as const;
const quiet = { info() {}, warn() {}, error() {} };

interface Cell {
  option: string;
  factor: string;
}
const cellOf = (cells: Cell[], i: number) => cells[Math.floor(i / VOTERS) % cells.length] as Cell;

function baselineServer(url: string) {
  const pg = postgres(url, { max: 10, onnotice: () => {} });
  const app = new Hono().put("/v/:poll", async (c) => {
    const body = await c.req.json<{ voter: string; value: number }>();
    const [row] =
      await pg`insert into bench_baseline_votes (poll_id, voter, value) values (${c.req.param("poll")}, ${body.voter}, ${body.value}) returning id`;
    return c.json(row, 200);
  });
  return { pg, app };
}

async function runBaseline(url: string): Promise<LoadResult> {
  const { pg, app } = baselineServer(url);
  await pg`create table if not exists bench_baseline_votes (id uuid primary key default gen_random_uuid(), poll_id uuid not null, voter text not null, value smallint not null, created_at timestamptz not null default now())`;
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
  await load(WARM_UP, VOTERS, call);
  const result = await load(TOTAL, VOTERS, call);
  http.close();
  await server.close();
  await pg.end();
  return result;
}

/** The product on one database: a workshop with a running session bound to channel `CV`. */
async function product(database: Database) {
  const admin = await bootstrapAdmin(database.db, undefined, new Date());
  if (admin.kind !== "generated") throw new Error("expected an empty database");
  const app = createApp({ database, logger: createLogger("silent") });
  const botToken = await rotateInProcessBotToken(database.db, new Date());
  const bot: BatonApi = createApiClient({ fetch: app.fetch, token: botToken });
  const fac = { platform: "slack" as const, userId: "UFAC", displayName: "Fran" };
  const w = await createApiClient({ fetch: app.fetch, token: admin.token }).createWorkshop({
    name: "Bench votes",
    timezone: "UTC",
    startDate: new Date().toISOString().slice(0, 10),
    agenda: [{ day: 1, start: "00:00", end: "23:59", kind: "session", title: "Scoring" }],
  });
  await bot.bindChannel({ platform: "slack", channelId: "CV" }, w.id, fac);
  await bot.agendaAction(w.id, { action: "start", actor: fac });
  const newPoll = async () => {
    const poll = await bot.createPoll(w.id, { kind: "scorecard", actor: fac });
    const cells = poll.options.flatMap((o) => poll.factors.map((f) => ({ option: o.key, factor: f.key })));
    return { id: poll.id, cells };
  };
  const rows = async (pollId: string) =>
    (await database.db.select().from(votes).where(eq(votes.pollId, pollId))).length;
  return { app, bot, botToken, newPoll, rows };
}
type Product = Awaited<ReturnType<typeof product>>;

async function runApi(p: Product) {
  const poll = await p.newPoll();
  const server = await listen(p.app.fetch);
  const http = keepAliveClient(server.url, VOTERS);
  const headers = { Authorization: `Bearer ${p.botToken}`, "Content-Type": "application/json" };
  const vote = async (i: number, round: number) => {
    const cell = cellOf(poll.cells, i);
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
  // Warm-up on the same cells, so the timed run replaces some votes and inserts the rest.
  await load(WARM_UP, VOTERS, (i) => vote(i, 1));
  const result = await load(TOTAL, VOTERS, (i) => vote(i, 0));
  http.close();
  await server.close();
  return { ...result, rows: await p.rows(poll.id) };
}

async function runSlack(p: Product, slack: SlackBot, recorder: SlackRecorder) {
  const poll = await p.newPoll();
  // The relay posts the poll's cards (and, the first time, the session's start message) to the
  // recorder; votes then keep them updated.
  const relay = new TimerRelay({ api: p.bot, posters: { slack: slack.poster }, logger: quiet });
  while ((await relay.tick()) > 0);
  const server = await listen((req) =>
    slack.handle ? slack.handle(req) : new Response("", { status: 404 }),
  );
  const http = keepAliveClient(server.url, VOTERS);
  const acks: number[] = [];
  const answers: number[] = [];
  const click = async (i: number, round: number) => {
    const cell = cellOf(poll.cells, i);
    const id = `${poll.id}-${round}-${i}`;
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
  await load(WARM_UP, VOTERS, (i) => click(i, 1));
  const before = recorder.of("response_url").length;
  const updatesBefore = recorder.of("chat.update").length;
  const result = await load(TOTAL, VOTERS, (i) => click(i, 0));
  const answered = recorder.of("response_url").slice(before);
  await new Promise((r) => setTimeout(r, 1200)); // the last coalesced card refresh
  http.close();
  await server.close();
  acks.sort((a, b) => a - b);
  answers.sort((a, b) => a - b);
  return {
    ...result,
    answered: answered.length,
    warnings: answered.filter((c) => String(c.body.text).startsWith(":warning:")).length,
    ackP50: percentile(acks, 50),
    ackP99: percentile(acks, 99),
    ackMax: acks.at(-1) ?? Number.NaN,
    answerP50: percentile(answers, 50),
    answerP99: percentile(answers, 99),
    updates: recorder.of("chat.update").length - updatesBefore,
    rows: await p.rows(poll.id),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

/** A scratch PostgreSQL database, migrated, and a Slack recorder, for the length of `work`. */
async function withScratch(
  work: (ctx: {
    scratch: NonNullable<Awaited<ReturnType<typeof scratchPostgres>>>;
    database: Database;
    recorder: SlackRecorder;
  }) => Promise<void>,
): Promise<void> {
  const scratch = await scratchPostgres();
  if (!scratch) return;
  const database = createPostgresDb(scratch.url);
  const recorder = await startSlackRecorder();
  try {
    await database.migrate();
    await work({ scratch, database, recorder });
  } finally {
    await recorder.close();
    await database.close();
    await scratch.drop();
  }
}

/** The Slack app on the product's in-process API, its channel holding the benchmark's voters. */
async function slackBot(p: Awaited<ReturnType<typeof product>>, recorder: SlackRecorder) {
  recorder.members.set(
    "CV",
    Array.from({ length: VOTERS }, (_, i) => `U${i}`),
  );
  const slack = createSlackApp(
    { botToken: "xoxb-bench", signingSecret: SECRET, apiUrl: recorder.apiUrl },
    createCore({ api: p.bot }),
    quiet,
  );
  await slack.start();
  return slack;
}

export async function benchVotes(): Promise<void> {
  console.log(
    `\n## Votes on PostgreSQL — ${TOTAL} votes per run, ${VOTERS} voters in flight, ${ROUNDS} rounds (medians)`,
  );
  console.log(`${machine()}; load average at start ${loadAverage()}`);
  await withScratch(async ({ scratch, database, recorder }) => {
    const p = await product(database);
    const slack = await slackBot(p, recorder);
    const base: LoadResult[] = [];
    const api: Awaited<ReturnType<typeof runApi>>[] = [];
    const sl: Awaited<ReturnType<typeof runSlack>>[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      base.push(await runBaseline(scratch.url));
      api.push(await runApi(p));
      sl.push(await runSlack(p, slack, recorder));
      const [b, a, s] = [base.at(-1), api.at(-1), sl.at(-1)];
      console.log(
        `round ${r + 1}: baseline ${fmt(b?.perSecond ?? Number.NaN, 0)}/s, API ${fmt(a?.perSecond ?? Number.NaN, 0)}/s, Slack ${fmt(s?.perSecond ?? Number.NaN, 0)}/s (ack p99 ${fmt(s?.ackP99 ?? Number.NaN)} ms)`,
      );
    }
    const B = median(base.map((x) => x.perSecond));
    const A = median(api.map((x) => x.perSecond));
    const S = median(sl.map((x) => x.perSecond));
    const ackP99 = median(sl.map((x) => x.ackP99));
    console.log("");
    console.log(
      "| path (medians of the rounds) | votes/s | vs baseline | p50 ms | p99 ms | errors | vote rows (last round) |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    console.log(
      `| baseline: bare Hono + postgres.js, one-row insert | ${fmt(B, 0)} | 1.00 | ${fmt(median(base.map((x) => x.p50Ms)))} | ${fmt(median(base.map((x) => x.p99Ms)))} | ${base.reduce((n, x) => n + x.errors, 0)} | – |`,
    );
    console.log(
      `| PUT /v1/polls/{id}/votes over HTTP | ${fmt(A, 0)} | ${fmt(A / B, 2)} | ${fmt(median(api.map((x) => x.p50Ms)))} | ${fmt(median(api.map((x) => x.p99Ms)))} | ${api.reduce((n, x) => n + x.errors, 0)} | ${api.at(-1)?.rows} |`,
    );
    console.log(
      `| signed Slack block_actions, each answered | ${fmt(S, 0)} | ${fmt(S / B, 2)} | ack ${fmt(median(sl.map((x) => x.ackP50)))} | ack ${fmt(ackP99)} | ${sl.reduce((n, x) => n + x.errors + x.warnings, 0)} | ${sl.at(-1)?.rows} |`,
    );
    const last = sl.at(-1);
    console.log("");
    console.log(
      `Slack, last round: ${last?.answered}/${TOTAL} clicks answered on their response URL; ack max ${fmt(last?.ackMax ?? Number.NaN)} ms; click to answer p50 ${fmt(last?.answerP50 ?? Number.NaN)} ms, p99 ${fmt(last?.answerP99 ?? Number.NaN)} ms; ${last?.updates} chat.update calls (a card is updated only when it changed, at most once a second).`,
    );
    console.log(
      `Targets: API ≥ 0.60 × baseline: ${A / B >= 0.6 ? "met" : "NOT met"}; Slack ≥ 0.40 × baseline: ${S / B >= 0.4 ? "met" : "NOT met"}; Slack p99 ack < 250 ms: ${ackP99 < 250 ? "met" : "NOT met"}.`,
    );
    console.log(`load average at the end ${loadAverage()}`);
  });
}

/** Profiling aid (`node --import tsx --cpu-prof`): one path only, `BENCH_PATH=baseline|api|slack`. */
export async function benchVotesOnePath(path: string): Promise<void> {
  await withScratch(async ({ scratch, database, recorder }) => {
    if (path === "baseline") {
      console.log(`baseline ${fmt((await runBaseline(scratch.url)).perSecond, 0)}/s`);
      return;
    }
    const p = await product(database);
    if (path === "api") {
      console.log(`API ${fmt((await runApi(p)).perSecond, 0)}/s`);
      return;
    }
    const slack = await slackBot(p, recorder);
    const r = await runSlack(p, slack, recorder);
    console.log(`Slack ${fmt(r.perSecond, 0)}/s, ack p99 ${fmt(r.ackP99)} ms`);
  });
}
