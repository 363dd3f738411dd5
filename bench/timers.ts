import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { and, eq, inArray } from "drizzle-orm";
import { createApp } from "../api/app.js";
import { createLogger } from "../api/logger.js";
import { bootstrapAdmin } from "../api/services/bootstrap-admin.js";
import { startProcessBotIdentity } from "../api/services/internal-token.js";
import { createApiClient } from "../bot/api-client.js";
import type { BatonApi } from "../bot/core/api.js";
import { createCore } from "../bot/core/core.js";
import { type RelayOptions, TimerRelay } from "../bot/core/relay.js";
import { createSlackApp } from "../bot/slack/app.js";
import { createPostgresDb } from "../db/postgres.js";
import { timerEvents } from "../db/schema/timer-events.js";
import { startSlackRecorder } from "../test/helpers/slack.js";
import { addFacilitator, fmt, listen, percentile, scratchPostgres } from "./lib.js";

/**
 * Issue 13's target, on PostgreSQL: 1,000 workshops with a running one-minute session each, two relays
 * (as two bot replicas) posting to a local Slack recorder: lateness of every "time's up" (due →
 * received), duplicates, misses, and the window in which a crash would leave a message posted but not
 * recorded (the recorder's receipt → the record). Then the same with the relays of before (a poll every
 * 500 ms, no claim-ahead, no wake-ups) as the baseline, in the same run. Then issue 3's second target:
 * 100 concurrent signed `/agenda start demo` commands over HTTP: time to Slack's acknowledgement.
 */
const WORKSHOPS = Number(process.env.BENCH_TIMER_WORKSHOPS ?? 1000);
const BASELINE = process.env.BENCH_TIMER_BASELINE !== "0";
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 100);
const SECRET = "bench-signing-secret";
const quiet = { info() {}, warn() {}, error() {} };
const FRAN = { platform: "slack", userId: "UFAC", displayName: "Fran" } as const;
const run = promisify(execFile);

/** Runs `fn` over `items` with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i] as T, i);
      }
    }),
  );
}

export async function benchTimers(): Promise<void> {
  console.log(
    `\n## Timers and slash commands on PostgreSQL — ${WORKSHOPS} running workshops, ${COMMANDS} concurrent commands`,
  );
  const scratch = await scratchPostgres();
  if (!scratch) return;
  const database = createPostgresDb(scratch.url, { max: 20 });
  const recorder = await startSlackRecorder();
  try {
    await database.migrate();
    const admin = await bootstrapAdmin(database, undefined, new Date());
    if (admin.kind !== "generated") throw new Error("expected an empty database");
    const app = createApp({ database, logger: createLogger("silent") });
    const api = createApiClient({
      fetch: app.fetch,
      token: (await startProcessBotIdentity(database.db)).token,
    });
    const adminApi = createApiClient({ fetch: app.fetch, token: admin.token });
    const core = createCore({ api });
    const slack = createSlackApp(
      { botToken: "xoxb-bench", signingSecret: SECRET, apiUrl: recorder.apiUrl },
      core,
      quiet,
    );
    await slack.start();

    const eventIdOf = (c: { body: Record<string, unknown> }) =>
      ((c.body.metadata as { event_payload?: { event_id?: string } } | undefined)?.event_payload?.event_id ??
        "") as string;

    /** One measured round: `WORKSHOPS` sessions started at once, two relays with `relayOptions`. */
    const phase = async (label: string, prefix: string, relayOptions: Partial<RelayOptions>) => {
      const today = new Date().toISOString().slice(0, 10);
      const workshopIds: string[] = [];
      const setupAt = Date.now();
      await pool(
        Array.from({ length: WORKSHOPS }, (_, i) => i),
        8,
        async (i) => {
          const w = await adminApi.createWorkshop({
            name: `Bench ${prefix}${i}`,
            timezone: "UTC",
            startDate: today,
            agenda: [{ day: 1, start: "00:00", end: "00:01", kind: "session", title: `Session ${i}` }],
          });
          await addFacilitator(app.fetch, admin.token, w.id, FRAN);
          await api.bindChannel({ platform: "slack", channelId: `${prefix}${i}` }, w.id, {
            platform: "slack",
            userId: "UFAC",
            displayName: "Fran",
          });
          workshopIds.push(w.id);
        },
      );
      // When each message was recorded (for the crash window): markDelivered's answer.
      const recordedAt = new Map<string, number>();
      const recording: BatonApi = {
        ...api,
        markDelivered: async (id, ref) => {
          const live = await api.markDelivered(id, ref);
          recordedAt.set(id, Date.now());
          return live;
        },
      };
      const relays = [0, 1].map(
        () =>
          new TimerRelay({
            api: recording,
            posters: { slack: slack.poster },
            logger: quiet,
            ...relayOptions,
          }),
      );
      for (const r of relays) r.start();
      const startedAt = Date.now();
      await pool(workshopIds, 32, async (id) => {
        await api.agendaAction(id, {
          action: "start",
          actor: { platform: "slack", userId: "UFAC", displayName: "Fran" },
        });
      });
      const startMs = Date.now() - startedAt;
      const timeups = await database.db
        .select({ id: timerEvents.id, dueAt: timerEvents.dueAt })
        .from(timerEvents)
        .where(and(eq(timerEvents.kind, "timeup"), inArray(timerEvents.workshopId, workshopIds)));
      const due = new Map(timeups.map((t) => [t.id, t.dueAt.getTime()]));
      const lastDue = Math.max(...due.values());
      await recorder
        .waitFor(
          (calls) =>
            calls.filter((c) => c.method === "chat.postMessage" && due.has(eventIdOf(c))).length >= due.size,
          lastDue - Date.now() + 30_000,
        )
        .catch(() => {});
      await new Promise((r) => setTimeout(r, 1500)); // let any duplicate arrive
      for (const r of relays) await r.stop();

      const received = recorder.of("chat.postMessage").filter((c) => due.has(eventIdOf(c)));
      const perEvent = new Map<string, number>();
      for (const c of received) perEvent.set(eventIdOf(c), (perEvent.get(eventIdOf(c)) ?? 0) + 1);
      const lateness = received.map((c) => c.at - (due.get(eventIdOf(c)) ?? c.at)).sort((a, b) => a - b);
      const window = received
        .map((c) => (recordedAt.get(eventIdOf(c)) ?? Number.NaN) - c.at)
        .filter((ms) => !Number.isNaN(ms))
        .sort((a, b) => a - b);
      const duplicated = [...perEvent.values()].filter((n) => n > 1).length;
      const missed = [...due.keys()].filter((id) => !perEvent.has(id)).length;
      const dueSpread = lastDue - Math.min(...due.values());
      return {
        label,
        setupMs: startedAt - setupAt,
        startMs,
        dueSpread,
        row: `| ${label} | ${received.length} / ${due.size} | ${fmt(percentile(lateness, 50), 0)} | ${fmt(percentile(lateness, 99), 0)} | ${fmt(lateness.at(-1) ?? Number.NaN, 0)} | ${duplicated} | ${missed} | ${fmt(percentile(window, 50), 1)} / ${fmt(percentile(window, 99), 1)} |`,
        p99: percentile(lateness, 99),
      };
    };

    const phases = [
      await phase("wake-ups: timer for the next due time, LISTEN/NOTIFY, claim 200 ms ahead", "CW", {}),
    ];
    if (BASELINE)
      phases.push(
        await phase("baseline: a poll every 500 ms (the relays before)", "CB", {
          watch: false,
          aheadMs: 0,
          intervalMs: 500,
        }),
      );
    console.log("");
    for (const p of phases)
      console.log(
        `${p.label}: ${WORKSHOPS} workshops set up in ${p.setupMs} ms, started in ${p.startMs} ms; their time's up fell due over ${p.dueSpread} ms`,
      );
    console.log("");
    console.log(
      "| relays | time's up posts | p50 lateness ms | p99 lateness ms | max ms | duplicated | missed | crash window p50 / p99 ms |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const p of phases) console.log(p.row);
    if (phases.length === 2)
      console.log(
        `\np99 lateness, wake-ups / baseline: ${fmt((phases[0]?.p99 ?? Number.NaN) / (phases[1]?.p99 ?? Number.NaN), 2)}`,
      );

    // Slash commands over HTTP: 100 at once, each creating, binding and starting a demo workshop, sent
    // from a separate process (as Slack would). First the same burst against a handler that answers at
    // once: the floor set by HTTP and the client themselves.
    const burst = async (url: string, prefix: string) => {
      const { stdout } = await run(process.execPath, [
        "--import",
        "tsx",
        "bench/burst-client.ts",
        url,
        String(COMMANDS),
        SECRET,
        prefix,
        recorder.responseUrl(""),
      ]);
      return (JSON.parse(stdout.trim().split("\n").at(-1) ?? "[]") as number[]).sort((a, b) => a - b);
    };
    const floorServer = await listen(() => new Response("", { status: 200 }));
    const floor = await burst(`${floorServer.url}/slack/events`, "F");
    await floorServer.close();
    const server = await listen((req) =>
      slack.handle ? slack.handle(req) : new Response("", { status: 404 }),
    );
    const before = recorder.of("response_url").length;
    const acks = await burst(`${server.url}/slack/events`, "CMD");
    const t1 = Date.now();
    await recorder
      .waitFor(
        (calls) => calls.filter((c) => c.method === "response_url").length - before >= COMMANDS,
        60_000,
      )
      .catch(() => {});
    const answeredMs = Date.now() - t1;
    await server.close();
    console.log("");
    console.log(
      "| concurrent /agenda start demo | p50 ack ms | p99 ack ms | max ack ms | all answered after acks (ms) |",
    );
    console.log("|---|---:|---:|---:|---:|");
    console.log(
      `| ${COMMANDS}, through Bolt | ${fmt(percentile(acks, 50))} | ${fmt(percentile(acks, 99))} | ${fmt(acks.at(-1) ?? Number.NaN)} | ${answeredMs} |`,
    );
    console.log(
      `| ${COMMANDS}, floor: a handler that answers at once | ${fmt(percentile(floor, 50))} | ${fmt(percentile(floor, 99))} | ${fmt(floor.at(-1) ?? Number.NaN)} | – |`,
    );
  } finally {
    await recorder.close();
    await database.close();
    await scratch.drop();
  }
}
