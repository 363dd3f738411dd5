import type { PlanGraph } from "./graph.js";

export interface Cycle {
  /** Input positions along the loop, first to last; the loop closes back to the first. */
  nodes: number[];
  /** Every package of the strongly connected component the loop was found in. */
  component: number[];
}

/**
 * Every dependency loop, one per strongly connected component of two or more packages (Tarjan's
 * algorithm, iterative so a 20,000-long chain cannot overflow the stack). For each component the
 * loop reported is the shortest one through its earliest-listed package, so fixing it either breaks
 * the component or reveals the next loop in it. Components are in order of their earliest package.
 */
export function findCycles(graph: PlanGraph): Cycle[] {
  const components = stronglyConnectedComponents(graph).filter((c) => c.length > 1);
  const cycles = components.map((component) => {
    const sorted = [...component].sort((a, b) => a - b);
    return { nodes: shortestLoopThrough(graph, sorted[0] ?? 0, new Set(sorted)), component: sorted };
  });
  return cycles.sort((a, b) => (a.component[0] ?? 0) - (b.component[0] ?? 0));
}

/** Tarjan's strongly connected components over the predecessor → successor edges. */
export function stronglyConnectedComponents(graph: PlanGraph): number[][] {
  const { size, outStart, outSucc } = graph;
  const index = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const stack = new Int32Array(size);
  let sp = 0;
  // The call stack of the recursive algorithm: a node and the next out-edge to look at.
  const callNode = new Int32Array(size);
  const callEdge = new Int32Array(size);
  let depth = 0;
  let counter = 0;
  const components: number[][] = [];

  for (let root = 0; root < size; root++) {
    if ((index[root] ?? 0) !== -1) continue;
    callNode[0] = root;
    callEdge[0] = outStart[root] ?? 0;
    depth = 1;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth > 0) {
      const v = callNode[depth - 1] ?? 0;
      const e = callEdge[depth - 1] ?? 0;
      if (e < (outStart[v + 1] ?? 0)) {
        callEdge[depth - 1] = e + 1;
        const w = outSucc[e] ?? 0;
        if ((index[w] ?? 0) === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[depth] = w;
          callEdge[depth] = outStart[w] ?? 0;
          depth++;
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] ?? 0, index[w] ?? 0);
        }
        continue;
      }
      // All of v's edges are done: v roots a component, or passes its low-link to its caller.
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack[--sp] ?? 0;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
      depth--;
      if (depth > 0) {
        const caller = callNode[depth - 1] ?? 0;
        low[caller] = Math.min(low[caller] ?? 0, low[v] ?? 0);
      }
    }
  }
  return components;
}

/** Breadth-first from `start` inside `within`, back to `start`: the shortest loop through it. */
function shortestLoopThrough(graph: PlanGraph, start: number, within: Set<number>): number[] {
  const { outStart, outSucc } = graph;
  const parent = new Map<number, number>([[start, -1]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head] ?? 0;
    for (let e = outStart[v] ?? 0; e < (outStart[v + 1] ?? 0); e++) {
      const w = outSucc[e] ?? 0;
      if (!within.has(w)) continue;
      if (w === start) {
        const path: number[] = [];
        for (let x = v; x !== -1; x = parent.get(x) ?? -1) path.push(x);
        return path.reverse();
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start]; // unreachable for a component of two or more
}
