import { formatNumber, shorten, escapeXml as x } from "../escape.js";
import type { SizingUseCase } from "../model.js";
import { svgFrame } from "./frame.js";

const HEAD = 30;
const NODE_H = 40;
const STEP = 54;
const COLUMNS = { producers: 10, topics: 320, groups: 640 } as const;
const NODE_W = { producers: 220, topics: 240, groups: 210 } as const;
const WIDTH = COLUMNS.groups + NODE_W.groups + 10;
const INK = "#111827";
const MUTED = "#374151";
const EDGE = "#475569";

/**
 * One use case's data flow: producers → topics → consumer groups, left to right. Producers show
 * their peak rate and record key, topics their sized partitions and replication factor, and each
 * arrow one producer writing a topic or one group reading it. Nodes are `<g class="node producer|topic|group"
 * data-key>` with a `<title>` giving the name in full; the description lists every arrow in words.
 */
export function dataFlowSvg(u: SizingUseCase, idPrefix = "dataflow"): string {
  const groups = [...new Set(u.consumers.map((c) => c.group))];
  const reads = u.consumers
    .map((c) => ({ topic: c.topic, group: c.group }))
    .filter((r, i, all) => all.findIndex((o) => o.topic === r.topic && o.group === r.group) === i);
  const rows = Math.max(1, u.producers.length, u.topics.length, groups.length);
  const height = HEAD + rows * STEP + 4;
  const yOf = (i: number) => HEAD + i * STEP;
  const topicIndex = new Map(u.topics.map((t, i) => [t.name, i]));
  const arrow = `${idPrefix}-arrow`;
  const writes = u.producers.map(
    (p) => `${p.key} writes ${p.topic} at ${formatNumber(p.peakMessagesPerSecond, 2)} msg/s peak`,
  );
  const out: string[] = [
    svgFrame({
      className: "dataflow",
      width: WIDTH,
      height,
      idPrefix,
      title: `Data flow of ${u.title}`,
      desc:
        `${u.producers.length} producers, ${u.topics.length} topics, ${groups.length} consumer groups; ` +
        `${u.delivery} delivery. ${[...writes, ...reads.map((r) => `${r.group} reads ${r.topic}`)].join("; ")}.`,
    }),
    `<defs><marker id="${arrow}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
      `<path d="M0 0L10 5L0 10Z" fill="${EDGE}"/></marker></defs>`,
  ];
  for (const [col, label] of [
    ["producers", "Producers"],
    ["topics", "Topics"],
    ["groups", "Consumer groups"],
  ] as const) {
    out.push(
      `<text x="${COLUMNS[col]}" y="16" font-size="12" font-weight="bold" fill="${INK}">${label}</text>`,
    );
  }
  const edge = (x1: number, y1: number, x2: number, y2: number) => {
    const mid = (x1 + x2) / 2;
    return `<path d="M${x1} ${y1}C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}" fill="none" stroke="${EDGE}" stroke-width="1.5" marker-end="url(#${arrow})"/>`;
  };
  // Arrows first, so the boxes sit on top of them.
  u.producers.forEach((p, i) => {
    const t = topicIndex.get(p.topic);
    if (t === undefined) return;
    out.push(
      edge(
        COLUMNS.producers + NODE_W.producers,
        yOf(i) + NODE_H / 2,
        COLUMNS.topics - 2,
        yOf(t) + NODE_H / 2,
      ),
    );
  });
  for (const r of reads) {
    const t = topicIndex.get(r.topic);
    if (t === undefined) continue;
    out.push(
      edge(
        COLUMNS.topics + NODE_W.topics,
        yOf(t) + NODE_H / 2,
        COLUMNS.groups - 2,
        yOf(groups.indexOf(r.group)) + NODE_H / 2,
      ),
    );
  }
  const node = (
    kind: keyof typeof COLUMNS,
    i: number,
    key: string,
    name: string,
    detail: string,
    tip: string,
  ) => {
    const left = COLUMNS[kind];
    const y = yOf(i);
    // Characters that fit at 12 and 10 px.
    const chars = Math.floor((NODE_W[kind] - 20) / 7);
    const small = Math.floor((NODE_W[kind] - 20) / 5.6);
    out.push(
      `<g class="node ${kind === "groups" ? "group" : kind.slice(0, -1)}" data-key="${x(key)}"><title>${x(tip)}</title>`,
      `<rect x="${left}" y="${y}" width="${NODE_W[kind]}" height="${NODE_H}" rx="${kind === "topics" ? 2 : 14}" fill="${kind === "topics" ? "#eef2ff" : "#ffffff"}" stroke="${EDGE}"/>`,
      `<text x="${left + 10}" y="${y + 16}" font-size="12" fill="${INK}">${x(shorten(name, chars))}</text>`,
      `<text x="${left + 10}" y="${y + 32}" font-size="10" fill="${MUTED}">${x(shorten(detail, small))}</text>`,
      "</g>",
    );
  };
  u.producers.forEach((p, i) => {
    const detail = `${formatNumber(p.peakMessagesPerSecond, 2)} msg/s peak${p.messageKey ? ` · key ${p.messageKey}` : ""}`;
    node(
      "producers",
      i,
      p.key,
      p.key,
      detail,
      `${p.key} → ${p.topic}: ${detail}, ${p.messageBytes} bytes each`,
    );
  });
  u.topics.forEach((t, i) => {
    const detail = `${t.partitions} partitions · RF ${t.replicationFactor}${t.format ? ` · ${t.format}` : ""}`;
    node(
      "topics",
      i,
      t.name,
      t.name,
      detail,
      `${t.name}: ${detail}, ${formatNumber(t.ingressMBps, 2)} MB/s in at peak, ${formatNumber(t.storageGB, 1)} GB stored`,
    );
  });
  groups.forEach((g, i) => {
    const topics = reads.filter((r) => r.group === g).map((r) => r.topic);
    node("groups", i, g, g, `reads ${topics.join(", ")}`, `${g} reads ${topics.join(", ")}`);
  });
  out.push("</svg>");
  return out.join("");
}
