import { createApp } from "../api/app.js";
import { findCycles } from "../api/domain/plan/cycles.js";
import { buildPlanGraph } from "../api/domain/plan/graph.js";
import { analysePlan, schedulePlan } from "../api/domain/plan/schedule.js";
import type { LinkType, PlanInput, WorkPackageInput } from "../api/domain/plan/types.js";
import { explainStart } from "../api/domain/plan/why.js";
import { createLogger } from "../api/logger.js";
import { PutPlan } from "../api/schemas/plan.js";
import { bootstrapAdmin } from "../api/services/bootstrap-admin.js";
import type { Database } from "../db/types.js";
import { fmt, listen, machine, onEachDatabase, percentile, seededRandom } from "./lib.js";

/**
 * Scheduling 10,000 work packages with 30,000 links: the pure function, cycle detection on the same
 * graph (without and with loops), and `PUT /v1/workshops/{id}/plan` over loopback HTTP on PGlite and
 * PostgreSQL (load generator in the same process). The plan is a random DAG from a fixed seed: each
 * link joins a package to one listed up to 400 places before it, so chains are long (the finish is
 * years out) rather than a shallow fan.
 */
const PACKAGES = Number(process.env.BENCH_PLAN_PACKAGES ?? 10_000);
const LINKS = Number(process.env.BENCH_PLAN_LINKS ?? 30_000);
const RUNS = Number(process.env.BENCH_PLAN_RUNS ?? 10);

export function randomPlan(packages: number, links: number, seed = 42): PlanInput {
  const rnd = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const types: LinkType[] = ["FS", "FS", "FS", "FS", "FS", "FS", "FS", "SS", "FF", "SF"];
  const deps: WorkPackageInput["dependsOn"][] = Array.from({ length: packages }, () => []);
  const seen = new Set<string>();
  for (let made = 0; made < links; ) {
    const s = int(1, packages - 1);
    const p = s - int(1, Math.min(s, 400));
    const type = types[int(0, types.length - 1)] ?? "FS";
    const id = `${p}:${s}:${type}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const lagDays = int(-2, 5);
    (deps[s] as Exclude<WorkPackageInput["dependsOn"], undefined>[number][]).push(
      type === "FS" && lagDays === 0 ? `wp-${p}` : { key: `wp-${p}`, type, lagDays },
    );
    made++;
  }
  return {
    calendar: { start: "2026-01-05", workdays: [1, 2, 3, 4, 5], holidays: ["2026-04-03", "2026-12-25"] },
    workPackages: deps.map((dependsOn, i) => ({
      key: `wp-${i}`,
      title: `Work package ${i}`,
      durationDays: int(0, 10),
      dependsOn,
      ...(i % 7 === 0 ? { owner: `team ${i % 5}` } : {}),
      ...(i % 11 === 0 ? { phase: `phase ${i % 4}` } : {}),
    })),
  };
}

/**
 * Adds `count` separate loops: in each of `count` stretches of the plan, a package that depends on
 * an earlier one gets that earlier one to depend on it too.
 */
export function withLoops(input: PlanInput, count: number): PlanInput {
  const workPackages = input.workPackages.map((w) => ({ ...w, dependsOn: [...(w.dependsOn ?? [])] }));
  const stretch = Math.floor(workPackages.length / count);
  for (let k = 0; k < count; k++) {
    const late = workPackages.slice(k * stretch, (k + 1) * stretch).find((w) => {
      const first = w.dependsOn[0];
      const key = typeof first === "string" ? first : first?.key;
      return key !== undefined && Number(key.slice(3)) >= k * stretch;
    });
    const first = late?.dependsOn[0];
    const early = workPackages.find((w) => w.key === (typeof first === "string" ? first : first?.key));
    if (late && early) early.dependsOn.push(late.key);
  }
  return { ...input, workPackages };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), max: sorted.at(-1) ?? Number.NaN };
}

function repeat(runs: number, fn: () => unknown) {
  for (let i = 0; i < 3; i++) fn(); // warm-up: let the JIT see the code first
  return stats(Array.from({ length: runs }, () => time(fn).ms));
}

async function http(database: Database, input: PlanInput, body: string) {
  await database.migrate();
  const admin = await bootstrapAdmin(database, undefined, new Date());
  if (admin.kind !== "generated") throw new Error("expected an empty database");
  const app = createApp({ database, logger: createLogger("silent") });
  const server = await listen(app.fetch);
  const headers = { Authorization: `Bearer ${admin.token}`, "Content-Type": "application/json" };
  const call = async (method: string, path: string, payload?: string) => {
    const t0 = performance.now();
    const res = await fetch(`${server.url}${path}`, { method, headers, body: payload });
    const text = await res.text();
    const ms = performance.now() - t0;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return { ms, bytes: text.length };
  };
  const workshop = await fetch(`${server.url}/v1/workshops`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: "Bench plan", timezone: "UTC", startDate: "2026-01-05" }),
  });
  const id = ((await workshop.json()) as { id: string }).id;
  const plan = `/v1/workshops/${id}/plan`;
  // Alternate two plans so every PUT replaces (the same body twice is a no-op).
  const other = JSON.stringify({ ...input, deadline: "2040-12-31" });
  const rows: [string, { median: number; max: number }, number][] = [];
  const first = await call("PUT", plan, body);
  rows.push(["PUT, creating the plan", { median: first.ms, max: first.ms }, first.bytes]);
  const puts: number[] = [];
  for (let i = 0; i < RUNS; i++) puts.push((await call("PUT", plan, i % 2 === 0 ? other : body)).ms);
  rows.push(["PUT, replacing it", stats(puts), first.bytes]);
  const same: number[] = [];
  for (let i = 0; i < RUNS; i++) same.push((await call("PUT", plan, body)).ms);
  rows.push(["PUT, the same body again (no write)", stats(same), first.bytes]);
  for (const [name, path] of [
    ["GET …/plan", plan],
    ["GET …/roadmap?format=csv", `/v1/workshops/${id}/roadmap?format=csv`],
    ["GET …/roadmap?format=ics", `/v1/workshops/${id}/roadmap?format=ics`],
    ["POST one work package", ""],
  ] as const) {
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = path
        ? await call("GET", path)
        : await call(
            "POST",
            `${plan}/work-packages/extra-${i}`,
            JSON.stringify({ title: "Extra", durationDays: 2, dependsOn: [`wp-${PACKAGES - 1}`] }),
          );
      samples.push(r.ms);
      bytes = r.bytes;
    }
    rows.push([name, stats(samples), bytes]);
  }
  await server.close();
  return rows;
}

export async function benchPlan(): Promise<void> {
  console.log(`\n## plan — ${PACKAGES} work packages, ${LINKS} links (seeded random DAG)`);
  console.log(`${machine()}; ${RUNS} timed runs after 3 warm-ups`);
  const input = randomPlan(PACKAGES, LINKS);
  const body = JSON.stringify(input);
  const first = schedulePlan(input);
  if (first.kind !== "ok")
    throw new Error(`the bench plan is refused: ${JSON.stringify(first.problems.slice(0, 3))}`);
  const schedule = first.schedule;
  console.log(
    `plan: ${schedule.start} to ${schedule.finish}, ${schedule.criticalPath.length} critical packages; ` +
      `request body ${fmt(body.length / 2 ** 20, 2)} MiB, answer ${fmt(JSON.stringify(schedule).length / 2 ** 20, 2)} MiB`,
  );

  const loops = withLoops(input, 10);
  const refused = schedulePlan(loops);
  const cycleCount =
    refused.kind === "refused" ? refused.problems.filter((p) => p.kind === "cycle").length : 0;
  const graph = buildPlanGraph(input.workPackages).graph;
  const loopGraph = buildPlanGraph(loops.workPackages).graph;
  const lastKey = input.workPackages.at(-1)?.key ?? "";

  const pure: [string, { median: number; max: number }][] = [
    [
      "schedulePlan (validate, Tarjan, topological order, both passes, dates)",
      repeat(RUNS, () => schedulePlan(input)),
    ],
    ["cycle detection alone (Tarjan), no loops", repeat(RUNS, () => findCycles(graph))],
    [`cycle detection alone, ${cycleCount} loops found`, repeat(RUNS, () => findCycles(loopGraph))],
    [`schedulePlan refusing the plan with ${cycleCount} loops`, repeat(RUNS, () => schedulePlan(loops))],
    ["zod validation of the PUT body (PutPlan)", repeat(RUNS, () => PutPlan.parse(JSON.parse(body)))],
  ];
  const analysed = analysePlan(input);
  if (analysed.kind === "ok") {
    pure.push([
      `explainStart("${lastKey}") on an analysed plan`,
      repeat(RUNS, () => explainStart(analysed.analysis, lastKey)),
    ]);
  }

  console.log("");
  console.log("| pure function | median ms | max ms |");
  console.log("|---|---:|---:|");
  for (const [name, s] of pure) console.log(`| ${name} | ${fmt(s.median)} | ${fmt(s.max)} |`);

  const runs = await onEachDatabase((database) => http(database, input, body));
  console.log("");
  console.log("| HTTP round trip (loopback) | database | median ms | max ms | answer KiB |");
  console.log("|---|---|---:|---:|---:|");
  for (const [db, rows] of runs) {
    for (const [name, s, bytes] of rows) {
      console.log(`| ${name} | ${db} | ${fmt(s.median)} | ${fmt(s.max)} | ${fmt(bytes / 1024, 0)} |`);
    }
  }
}
