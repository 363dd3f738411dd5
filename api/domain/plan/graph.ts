import { LINK_TYPES, type Link, type LinkType, type PlanProblem, type WorkPackageInput } from "./types.js";

/** Link types as small integers, for the passes' typed arrays. */
export const FS = 0;
export const SS = 1;
export const FF = 2;
export const SF = 3;
const TYPE_CODE: Record<LinkType, number> = { FS, SS, FF, SF };

/**
 * The dependency graph in compressed sparse rows: the links into node `s` (s depends on p) are
 * `inPred[k], inType[k], inLag[k]` for `k` in `[inStart[s], inStart[s + 1])`, and the links out of
 * `p` are `outSucc[k]` for `k` in `[outStart[p], outStart[p + 1])`. Nodes are input positions.
 */
export interface PlanGraph {
  size: number;
  keys: string[];
  indexOf: Map<string, number>;
  /** Each work package's links after merging duplicates, in the order they first appear. */
  links: Link[][];
  /** For each merged link, the position in the input `dependsOn` it first came from. */
  linkSources: number[][];
  inStart: Int32Array;
  inPred: Int32Array;
  inType: Uint8Array;
  inLag: Float64Array;
  outStart: Int32Array;
  outSucc: Int32Array;
}

/**
 * Reads the links of every work package, naming each problem: a key used twice, a link to an
 * unknown key, a package depending on itself. Duplicate links (same predecessor, same type) are
 * merged keeping the controlling lag — the largest, since every link is a lower bound. Links with
 * problems are left out of the graph, so cycles among the rest are still found.
 */
export function buildPlanGraph(workPackages: readonly WorkPackageInput[]): {
  graph: PlanGraph;
  problems: PlanProblem[];
} {
  const problems: PlanProblem[] = [];
  const size = workPackages.length;
  const keys = workPackages.map((w) => w.key);
  const indexOf = new Map<string, number>();
  keys.forEach((key, i) => {
    const first = indexOf.get(key);
    if (first === undefined) indexOf.set(key, i);
    else {
      problems.push({
        kind: "duplicateKey",
        path: `workPackages.${i}.key`,
        message: `duplicate key "${key}": work package ${first} has it already`,
      });
    }
  });

  const links: Link[][] = [];
  const linkSources: number[][] = [];
  let total = 0;
  workPackages.forEach((wp, i) => {
    const merged: Link[] = [];
    const sources: number[] = [];
    const at = new Map<string, number>();
    (wp.dependsOn ?? []).forEach((raw, j) => {
      const link: Link =
        typeof raw === "string"
          ? { key: raw, type: "FS", lagDays: 0 }
          : { key: raw.key, type: raw.type ?? "FS", lagDays: raw.lagDays ?? 0 };
      const path = `workPackages.${i}.dependsOn.${j}`;
      if (!LINK_TYPES.includes(link.type)) return; // shape is the caller's job; never crash on it
      if (!indexOf.has(link.key)) {
        problems.push({ kind: "unknownKey", path, message: `unknown work package "${link.key}"` });
        return;
      }
      if (link.key === wp.key) {
        problems.push({ kind: "selfDependency", path, message: `"${wp.key}" depends on itself` });
        return;
      }
      const id = `${link.key}\u0000${link.type}`;
      const seen = at.get(id);
      if (seen === undefined) {
        at.set(id, merged.length);
        merged.push(link);
        sources.push(j);
      } else {
        const kept = merged[seen];
        if (kept && link.lagDays > kept.lagDays) kept.lagDays = link.lagDays;
      }
    });
    links.push(merged);
    linkSources.push(sources);
    total += merged.length;
  });

  const inStart = new Int32Array(size + 1);
  const inPred = new Int32Array(total);
  const inType = new Uint8Array(total);
  const inLag = new Float64Array(total);
  const outCount = new Int32Array(size + 1);
  let k = 0;
  for (let s = 0; s < size; s++) {
    inStart[s] = k;
    for (const l of links[s] ?? []) {
      const p = indexOf.get(l.key) ?? 0;
      inPred[k] = p;
      inType[k] = TYPE_CODE[l.type];
      inLag[k] = l.lagDays;
      outCount[p + 1] = (outCount[p + 1] ?? 0) + 1;
      k++;
    }
  }
  inStart[size] = k;
  const outStart = new Int32Array(size + 1);
  for (let p = 0; p < size; p++) outStart[p + 1] = (outStart[p] ?? 0) + (outCount[p + 1] ?? 0);
  const fill = outStart.slice(0, size);
  const outSucc = new Int32Array(total);
  for (let s = 0; s < size; s++) {
    for (let e = inStart[s] ?? 0; e < (inStart[s + 1] ?? 0); e++) {
      const p = inPred[e] ?? 0;
      outSucc[fill[p] ?? 0] = s;
      fill[p] = (fill[p] ?? 0) + 1;
    }
  }

  return {
    graph: { size, keys, indexOf, links, linkSources, inStart, inPred, inType, inLag, outStart, outSucc },
    problems,
  };
}

/**
 * A topological order that keeps the input order wherever the links allow it (Kahn's algorithm
 * always taking the earliest-listed ready package), so the same input always gives the same order.
 * Returns null when the graph has a cycle.
 */
export function stableTopologicalOrder(graph: PlanGraph): Int32Array | null {
  const { size, inStart, outStart, outSucc } = graph;
  const indegree = new Int32Array(size);
  for (let s = 0; s < size; s++) indegree[s] = (inStart[s + 1] ?? 0) - (inStart[s] ?? 0);
  const heap = new MinHeap(size);
  for (let s = 0; s < size; s++) if (indegree[s] === 0) heap.push(s);
  const order = new Int32Array(size);
  let n = 0;
  while (heap.length > 0) {
    const p = heap.pop();
    order[n++] = p;
    for (let e = outStart[p] ?? 0; e < (outStart[p + 1] ?? 0); e++) {
      const s = outSucc[e] ?? 0;
      indegree[s] = (indegree[s] ?? 0) - 1;
      if (indegree[s] === 0) heap.push(s);
    }
  }
  return n === size ? order : null;
}

/** A binary min-heap of small non-negative integers. */
class MinHeap {
  private readonly items: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.items = new Int32Array(Math.max(1, capacity));
  }

  push(value: number): void {
    const a = this.items;
    let i = this.length++;
    a[i] = value;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((a[parent] ?? 0) <= value) break;
      a[i] = a[parent] ?? 0;
      i = parent;
    }
    a[i] = value;
  }

  pop(): number {
    const a = this.items;
    const top = a[0] ?? 0;
    const last = a[--this.length] ?? 0;
    let i = 0;
    const n = this.length;
    while (true) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (a[r] ?? 0) < (a[l] ?? 0) ? r : l;
      if ((a[c] ?? 0) >= last) break;
      a[i] = a[c] ?? 0;
      i = c;
    }
    if (n > 0) a[i] = last;
    return top;
  }
}
