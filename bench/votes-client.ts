import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encodeVote } from "../bot/core/action-ids.js";
import { buttonBody, signSlack } from "../test/helpers/slack.js";
import { keepAliveClient, type LoadResult, load, percentile } from "./lib.js";

/**
 * The votes benchmark's load generator, in its own process (forked by bench/votes.ts), so that the
 * server under test does not share its event loop with its clients — as in production, where the
 * voters' requests and Slack's servers are elsewhere. The same generator drives all three paths:
 * the bare-insert baseline, `PUT /v1/polls/{id}/votes`, and signed Slack clicks, for which it also
 * plays Slack's side of the response URLs (a click's answer is awaited before that voter clicks again).
 */

export interface Cell {
  option: string;
  factor: string;
}

export interface VotesRun {
  path: "baseline" | "api" | "slack";
  url: string;
  total: number;
  warmUp: number;
  voters: number;
  /** The poll voted on, and its cells (a voter scores cell ⌊i / voters⌋ mod cells). */
  pollId: string;
  cells: Cell[];
  /** API path: the bearer token. */
  token?: string;
  /** Slack path: the signing secret and the channel the poll is in. */
  secret?: string;
  channelId?: string;
}

export interface VotesRunResult extends LoadResult {
  /** The load generator's own CPU time per timed vote (it shares the machine with the server). */
  clientCpuMsPerVote?: number;
  /** Slack: acknowledgement and click-to-answer times of the timed run, and how many answers were warnings. */
  ackP50?: number;
  ackP99?: number;
  ackMax?: number;
  answerP50?: number;
  answerP99?: number;
  answered?: number;
  warnings?: number;
}

const LMH = ["L", "M", "H"] as const;

/** Slack's side of the response URLs: each POST resolves the click waiting for it. */
async function responseUrls() {
  const waiting = new Map<string, (text: string) => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
      const id = (req.url ?? "").slice("/response/".length);
      const done = waiting.get(id);
      waiting.delete(id);
      done?.(Buffer.concat(chunks).toString("utf8"));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/response/`;
  return {
    url: (id: string) => `${base}${id}`,
    /** Registered before the click is sent, so an answer cannot arrive unawaited. */
    expect: (id: string) => new Promise<string>((resolve) => waiting.set(id, resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function runVotes(run: VotesRun, answers: Awaited<ReturnType<typeof responseUrls>>) {
  const http = keepAliveClient(run.url, run.voters);
  const cellOf = (i: number) => run.cells[Math.floor(i / run.voters) % run.cells.length] as Cell;
  const acks: number[] = [];
  const answered: number[] = [];
  let warnings = 0;
  let timed = false;

  // Every request is built (and, for Slack, signed) before its run is timed: building them is
  // Slack's or the voters' work, not the server's, and the generator shares the machine with it.
  interface Prepared {
    method: string;
    path: string;
    headers: Record<string, string>;
    body: string;
    /** Slack: the response URL's id, whose answer is awaited. */
    answerId?: string;
  }
  const json = { "Content-Type": "application/json" };
  const auth = { Authorization: `Bearer ${run.token}`, ...json };
  const prepare = (i: number, round: number): Prepared => {
    const cell = cellOf(i);
    const voter = i % run.voters;
    const value = LMH[(i + round) % 3] ?? "M";
    if (run.path === "baseline")
      return {
        method: "PUT",
        path: `/v/${run.pollId}`,
        headers: json,
        body: JSON.stringify({ voter: `slack:U${voter}`, value: (i % 3) + 1 }),
      };
    if (run.path === "api")
      return {
        method: "PUT",
        path: `/v1/polls/${run.pollId}/votes`,
        headers: auth,
        body: JSON.stringify({
          actor: { platform: "slack", userId: `U${voter}`, displayName: `Voter ${voter}` },
          votes: [{ option: cell.option, factor: cell.factor, value }],
        }),
      };
    const answerId = `${run.pollId}-${round}-${i}`;
    const body = buttonBody({
      actionId: encodeVote({ pollId: run.pollId, option: cell.option, factor: cell.factor, view: "", value }),
      userId: `U${voter}`,
      userName: `voter${voter}`,
      channelId: run.channelId ?? "CV",
      responseUrl: answers.url(answerId),
      actionTs: `${round}${i}.000001`,
    });
    return {
      method: "POST",
      path: "/slack/events",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...signSlack(body, run.secret ?? "") },
      body,
      answerId,
    };
  };

  const send = async (req: Prepared) => {
    // A Slack voter waits for the answer on the response URL before clicking again.
    const answer = req.answerId ? answers.expect(req.answerId) : null;
    const t0 = performance.now();
    const res = await http.request(req.method, req.path, req.headers, req.body);
    const acked = performance.now();
    const text = answer ? await answer : "";
    if (timed && answer) {
      acks.push(acked - t0);
      answered.push(performance.now() - t0);
      if (text.includes(":warning:")) warnings++;
    }
    return res.status === 200;
  };

  // Warm-up on the same cells with other values, so the timed run replaces some votes and inserts the rest.
  const warmUp = Array.from({ length: run.warmUp }, (_, i) => prepare(i, 1));
  await load(run.warmUp, run.voters, (i) => send(warmUp[i] as Prepared));
  const requests = Array.from({ length: run.total }, (_, i) => prepare(i, 0));
  timed = true;
  const cpu = process.cpuUsage();
  const result: VotesRunResult = await load(run.total, run.voters, (i) => send(requests[i] as Prepared));
  const used = process.cpuUsage(cpu);
  result.clientCpuMsPerVote = (used.user + used.system) / 1000 / run.total;
  http.close();
  if (run.path === "slack") {
    acks.sort((a, b) => a - b);
    answered.sort((a, b) => a - b);
    Object.assign(result, {
      ackP50: percentile(acks, 50),
      ackP99: percentile(acks, 99),
      ackMax: acks.at(-1) ?? Number.NaN,
      answerP50: percentile(answered, 50),
      answerP99: percentile(answered, 99),
      answered: answered.length,
      warnings,
    });
  }
  return result;
}

// Forked with an IPC channel: one message per run, answered with its result; disconnecting ends it.
if (process.send) {
  const answers = await responseUrls();
  process.on("message", (run: VotesRun) => {
    runVotes(run, answers).then(
      (result) => process.send?.({ ok: true, result }),
      (err: unknown) =>
        process.send?.({ ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  process.on("disconnect", () => {
    void answers.close().then(() => process.exit(0));
  });
  process.send({ ready: true });
}
