import { fork } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import postgres from "postgres";
import { createApp } from "../api/app.js";
import { createLogger } from "../api/logger.js";
import { bootstrapAdmin } from "../api/services/bootstrap-admin.js";
import { startProcessBotIdentity } from "../api/services/internal-token.js";
import { createApiClient } from "../bot/api-client.js";
import type { BatonApi } from "../bot/core/api.js";
import { createCore } from "../bot/core/core.js";
import { TimerRelay } from "../bot/core/relay.js";
import { createSlackApp, type SlackBot } from "../bot/slack/app.js";
import { createPostgresDb } from "../db/postgres.js";
import { votes } from "../db/schema/votes.js";
import type { Database } from "../db/types.js";
import { type SlackRecorder, startSlackRecorder } from "../test/helpers/slack.js";
import { addFacilitator, fmt, listen, machine, scratchPostgres } from "./lib.js";
import type { VotesRun, VotesRunResult } from "./votes-client.js";

/**
 * Issue 4's targets, on PostgreSQL, 200 voters in flight:
 * - votes per second through `PUT /v1/polls/{id}/votes` (one vote per request) ≥ 60% of the bare
 *   baseline — a minimal Hono route inserting one row with postgres.js, same pool size (10), same load;
 * - votes per second through signed Slack `block_actions` requests (verified, acknowledged, run through
 *   Bolt and the core, voted through the in-process API, answered on the response URL) ≥ 40% of it,
 *   with the p99 acknowledgement under 250 ms. A voter waits for the answer to a click (on its
 *   response URL) before the next click, so 200 voters have at most 200 clicks in flight.
 * A scorecard of 5 options × 7 factors; each voter scores every cell, so most votes insert and some
 * replace. The servers under test run in this process; the load generator (and Slack's side of the
 * response URLs) in its own (bench/votes-client.ts), with every request built before it is timed. The
 * Slack Web API recorder (card updates) stays here. The machine may be shared, so the three paths run
 * in turn, `BENCH_ROUNDS` times, and the medians are compared.
 */
const VOTERS = Number(process.env.BENCH_VOTERS ?? 200);
const TOTAL = Number(process.env.BENCH_VOTES ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 2000);
const SECRET = "bench-signing-secret";
const quiet = { info() {}, warn() {}, error() {} };

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

/** The load generator in its own process (bench/votes-client.ts), one run at a time. */
async function startClient() {
  const child = fork(fileURLToPath(new URL("./votes-client.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`the load generator exited (${code})`)));
  });
  const common = { total: TOTAL, warmUp: WARM_UP, voters: VOTERS };
  return {
    /** One run; `cpuMsPerVote` is this (the server's) process's CPU time per vote, warm-up votes counted. */
    run: async (run: Omit<VotesRun, keyof typeof common>) => {
      const cpu = process.cpuUsage();
      const result = await new Promise<VotesRunResult>((resolve, reject) => {
        child.once("message", (m: { ok: boolean; result?: VotesRunResult; error?: string }) =>
          m.ok && m.result ? resolve(m.result) : reject(new Error(m.error)),
        );
        child.send({ ...common, ...run });
      });
      const used = process.cpuUsage(cpu);
      return { ...result, cpuMsPerVote: (used.user + used.system) / 1000 / (TOTAL + WARM_UP) };
    },
    close: () => child.disconnect(),
  };
}
type Client = Awaited<ReturnType<typeof startClient>>;

async function runBaseline(url: string, client: Client) {
  const { pg, app } = baselineServer(url);
  await pg`create table if not exists bench_baseline_votes (id uuid primary key default gen_random_uuid(), poll_id uuid not null, voter text not null, value smallint not null, created_at timestamptz not null default now())`;
  const server = await listen(app.fetch);
  const result = await client.run({
    path: "baseline",
    url: server.url,
    pollId: "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f",
    cells: [],
  });
  await server.close();
  await pg.end();
  return result;
}

/** The product on one database: a workshop with a running session bound to channel `CV`. */
async function product(database: Database) {
  const admin = await bootstrapAdmin(database, undefined, new Date());
  if (admin.kind !== "generated") throw new Error("expected an empty database");
  const app = createApp({ database, logger: createLogger("silent") });
  const botToken = (await startProcessBotIdentity(database.db)).token;
  const bot: BatonApi = createApiClient({ fetch: app.fetch, token: botToken });
  const fac = { platform: "slack" as const, userId: "UFAC", displayName: "Fran" };
  const w = await createApiClient({ fetch: app.fetch, token: admin.token }).createWorkshop({
    name: "Bench votes",
    timezone: "UTC",
    startDate: new Date().toISOString().slice(0, 10),
    agenda: [{ day: 1, start: "00:00", end: "23:59", kind: "session", title: "Scoring" }],
  });
  await addFacilitator(app.fetch, admin.token, w.id, fac);
  await bot.bindChannel({ platform: "slack", channelId: "CV" }, w.id, fac);
  await bot.agendaAction(w.id, { action: "start", actor: fac });
  const newPoll = async () => {
    const poll = await bot.createPoll(w.id, { kind: "scorecard", actor: fac });
    const cells = poll.options.flatMap((o) => poll.factors.map((f) => ({ option: o.key, factor: f.key })));
    return { pollId: poll.id, cells };
  };
  const rows = async (pollId: string) =>
    (await database.db.select().from(votes).where(eq(votes.pollId, pollId))).length;
  return { app, bot, botToken, newPoll, rows };
}
type Product = Awaited<ReturnType<typeof product>>;

async function runApi(p: Product, client: Client) {
  const poll = await p.newPoll();
  const server = await listen(p.app.fetch);
  const result = await client.run({ path: "api", url: server.url, token: p.botToken, ...poll });
  await server.close();
  return { ...result, rows: await p.rows(poll.pollId) };
}

async function runSlack(p: Product, slack: SlackBot, recorder: SlackRecorder, client: Client) {
  const poll = await p.newPoll();
  // The relay posts the poll's cards (and, the first time, the session's start message) to the
  // recorder; votes then keep them updated.
  const relay = new TimerRelay({ api: p.bot, posters: { slack: slack.poster }, logger: quiet });
  while ((await relay.tick()) > 0);
  const server = await listen((req) =>
    slack.handle ? slack.handle(req) : new Response("", { status: 404 }),
  );
  const updatesBefore = recorder.of("chat.update").length;
  const result = await client.run({
    path: "slack",
    url: server.url,
    secret: SECRET,
    channelId: "CV",
    ...poll,
  });
  await new Promise((r) => setTimeout(r, 1200)); // the last coalesced card refresh
  await server.close();
  return {
    ...result,
    updates: recorder.of("chat.update").length - updatesBefore,
    rows: await p.rows(poll.pollId),
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
    client: Client;
  }) => Promise<void>,
): Promise<void> {
  const scratch = await scratchPostgres();
  if (!scratch) return;
  const database = createPostgresDb(scratch.url);
  const recorder = await startSlackRecorder();
  const client = await startClient();
  try {
    await database.migrate();
    await work({ scratch, database, recorder, client });
  } finally {
    client.close();
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
  await withScratch(async ({ scratch, database, recorder, client }) => {
    const p = await product(database);
    const slack = await slackBot(p, recorder);
    const base: Awaited<ReturnType<typeof runBaseline>>[] = [];
    const api: Awaited<ReturnType<typeof runApi>>[] = [];
    const sl: Awaited<ReturnType<typeof runSlack>>[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      base.push(await runBaseline(scratch.url, client));
      api.push(await runApi(p, client));
      sl.push(await runSlack(p, slack, recorder, client));
      const [b, a, s] = [base.at(-1), api.at(-1), sl.at(-1)];
      console.log(
        `round ${r + 1}: baseline ${fmt(b?.perSecond ?? Number.NaN, 0)}/s, API ${fmt(a?.perSecond ?? Number.NaN, 0)}/s, Slack ${fmt(s?.perSecond ?? Number.NaN, 0)}/s (ack p99 ${fmt(s?.ackP99 ?? Number.NaN)} ms); server CPU per vote ${fmt(b?.cpuMsPerVote ?? Number.NaN, 3)} / ${fmt(a?.cpuMsPerVote ?? Number.NaN, 3)} / ${fmt(s?.cpuMsPerVote ?? Number.NaN, 3)} ms`,
      );
    }
    const B = median(base.map((x) => x.perSecond));
    const A = median(api.map((x) => x.perSecond));
    const S = median(sl.map((x) => x.perSecond));
    const ackP99 = median(sl.map((x) => x.ackP99 ?? Number.NaN));
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
      `| signed Slack block_actions, each answered | ${fmt(S, 0)} | ${fmt(S / B, 2)} | ack ${fmt(median(sl.map((x) => x.ackP50 ?? Number.NaN)))} | ack ${fmt(ackP99)} | ${sl.reduce((n, x) => n + x.errors + (x.warnings ?? 0), 0)} | ${sl.at(-1)?.rows} |`,
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
  await withScratch(async ({ scratch, database, recorder, client }) => {
    if (path === "baseline") {
      const r = await runBaseline(scratch.url, client);
      console.log(
        `baseline ${fmt(r.perSecond, 0)}/s, server CPU ${fmt(r.cpuMsPerVote, 3)} ms per vote, client ${fmt(r.clientCpuMsPerVote ?? Number.NaN, 3)} ms`,
      );
      return;
    }
    const p = await product(database);
    if (path === "api") {
      const r = await runApi(p, client);
      console.log(
        `API ${fmt(r.perSecond, 0)}/s, server CPU ${fmt(r.cpuMsPerVote, 3)} ms per vote, client ${fmt(r.clientCpuMsPerVote ?? Number.NaN, 3)} ms`,
      );
      return;
    }
    const slack = await slackBot(p, recorder);
    const r = await runSlack(p, slack, recorder, client);
    console.log(
      `Slack ${fmt(r.perSecond, 0)}/s, ack p99 ${fmt(r.ackP99 ?? Number.NaN)} ms, server CPU ${fmt(r.cpuMsPerVote, 3)} ms per vote, client ${fmt(r.clientCpuMsPerVote ?? Number.NaN, 3)} ms`,
    );
  });
}
