import { Window } from "happy-dom";

/** What the tests read back from Mermaid's gantt parser. */
export interface MermaidTask {
  id: string;
  task: string;
  section: string;
  startTime: Date;
  endTime: Date;
  crit?: boolean;
  milestone?: boolean;
}

interface GanttDb {
  getTasks(): MermaidTask[];
  getDiagramTitle(): string;
  getExcludes(): string[];
}

/**
 * Mermaid's own parser, in Node. Mermaid sanitises labels with DOMPurify, which needs a window at
 * import time, so a happy-dom window is installed first. `parse` throws on a syntax error; the
 * diagram's database then holds the tasks as Mermaid understood them.
 */
export async function loadMermaid() {
  const g = globalThis as unknown as Record<string, unknown>;
  if (!g.window) {
    const window = new Window();
    g.window = window;
    g.document = window.document;
  }
  const { default: mermaid } = await import("mermaid");
  return {
    async gantt(text: string) {
      const parsed = await mermaid.parse(text);
      if (parsed.diagramType !== "gantt") throw new Error(`not a gantt: ${JSON.stringify(parsed)}`);
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
      return diagram.db as unknown as GanttDb;
    },
  };
}

/** Mermaid keeps entity codes encoded until it draws; this decodes `#58;` the way the browser would. */
export function decodeMermaidEntities(text: string): string {
  return text.replace(/ﬂ°°(\d+)¶ß/g, (_m, code: string) => String.fromCharCode(Number(code))).trim();
}

/** A Date Mermaid built from `YYYY-MM-DD` in local time, back as `YYYY-MM-DD`. */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** What the tests read back from Mermaid's flowchart parser. */
export interface FlowchartDb {
  getVertices(): Map<string, { id: string; text?: string }>;
  getEdges(): { start: string; end: string; text?: string }[];
  getSubGraphs(): { id: string; title: string; nodes: string[] }[];
}

/** Parses a flowchart with Mermaid's own parser (throws on a syntax error) and returns its database. */
export async function parseFlowchart(text: string): Promise<FlowchartDb> {
  const { default: mermaid } = await (async () => {
    await loadMermaid();
    return import("mermaid");
  })();
  const parsed = await mermaid.parse(text);
  if (!String(parsed?.diagramType).startsWith("flowchart"))
    throw new Error(`not a flowchart: ${JSON.stringify(parsed)}`);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  return diagram.db as unknown as FlowchartDb;
}
