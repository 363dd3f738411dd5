import type { NewUseCase, SizingView } from "./outputs-types.js";

import type { Reply, Section } from "./types.js";

/**
 * `/usecase <key> [title] rate: 500 peak: 2000 size: 1kb key: customerId keys: 100000 zipf: 1.1
 * partitions: 6 groups: billing, analytics delivery: at-least-once`, transport-neutral: one producer
 * writing one topic (named `topic:`, else the key) read by the consumer groups. Only `rate:` and
 * `size:` are needed. `/usecase` alone opens the form; `/usecase <key>` sizes a captured one again.
 */
export type UseCaseCommand =
  | { kind: "put"; key: string; useCase: NewUseCase }
  | { kind: "show"; key: string }
  | { kind: "form" }
  | { kind: "help" }
  | { kind: "error"; message: string };

export const USECASE_HELP = [
  "`/usecase orders rate: 500 peak: 2000 size: 1kb` — capture a use case's flow and size its Kafka cluster (facilitators)",
  'Also `topic:`, `key: customerId keys: 100000` (the record key and how many values), `zipf: 1.1` (how skewed; else uniform), `partitions: 12`, `groups: billing, analytics`, `delivery: exactly-once`, `title: "Order events"`',
  "`/usecase orders` — its sizing again; `/usecase` alone — the same as a form",
];

const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const FIELD =
  /(?:^|\s)(title|topic|rate|avg|peak|size|bytes|key|keys|cardinality|zipf|partitions|groups|consumers|delivery):/gi;
const DELIVERIES = ["at-most-once", "at-least-once", "exactly-once"] as const;

/** "1kb" → 1000, "2 MB" → 2000000, "512" → 512 (MB = 10^6 bytes, as the sizing counts). */
export function parseBytes(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(b|bytes?|kb|k|mb|m)?$/i.exec(text.trim());
  if (!m) return null;
  const unit = (m[2] ?? "b").toLowerCase();
  const factor = unit.startsWith("k") ? 1000 : unit.startsWith("m") ? 1_000_000 : 1;
  const n = Math.round(Number(m[1]) * factor);
  return n >= 1 && n <= 100_000_000 ? n : null;
}

/** "500", "500/s", "2k", "1.5k msg/s" → messages per second. */
export function parseRate(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(k)?\s*(?:msg)?\s*(?:\/\s*s|per second)?$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]) * (m[2] ? 1000 : 1);
  return n >= 0 && n <= 1e9 ? n : null;
}

/** The form's answers and the command's fields become the same use case. */
export function buildUseCase(
  key: string,
  v: Partial<
    Record<
      | "title"
      | "topic"
      | "rate"
      | "peak"
      | "size"
      | "key"
      | "keys"
      | "zipf"
      | "partitions"
      | "groups"
      | "delivery",
      string
    >
  >,
): { ok: true; useCase: NewUseCase } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const avg = parseRate(v.rate ?? "");
  if (avg === null) errors.rate = "Messages per second on average: `rate: 500`.";
  const peak = v.peak ? parseRate(v.peak) : avg;
  if (v.peak && peak === null) errors.peak = "Messages per second at the peak: `peak: 2000`.";
  else if (avg !== null && peak !== null && peak < avg)
    errors.peak = `The peak (${peak}/s) is below the average (${avg}/s).`;
  const bytes = parseBytes(v.size ?? "");
  if (bytes === null) errors.size = "How big is one message? `size: 1kb` (1 to 100,000,000 bytes).";
  const topic = (v.topic ?? "").trim() || key;
  let messageKey: NewUseCase["producers"][number]["messageKey"];
  if (v.key?.trim()) {
    const cardinality = Number((v.keys ?? "").replace(/[,_\s]/g, ""));
    if (!Number.isInteger(cardinality) || cardinality < 1 || cardinality > 2_000_000)
      errors.keys = "How many different keys? `keys: 100000` (1 to 2,000,000).";
    const s = v.zipf?.trim() ? Number(v.zipf) : null;
    if (s !== null && !(s >= 0 && s <= 10)) errors.zipf = "The Zipf exponent is 0 to 10: `zipf: 1.1`.";
    messageKey = { name: v.key.trim(), cardinality, distribution: s === null ? "uniform" : { zipf: s } };
  } else if (v.keys?.trim() || v.zipf?.trim()) errors.key = "Name the record key too: `key: customerId`.";
  let partitions: number | undefined;
  if (v.partitions?.trim()) {
    partitions = Number(v.partitions);
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > 100_000)
      errors.partitions = "Partitions are a whole number, 1 to 100,000 (or leave it out to have it sized).";
  }
  const groups = (v.groups ?? "")
    .split(/[,\s]+/)
    .map((g) => g.trim())
    .filter(Boolean);
  const badGroup = groups.find((g) => !KEY.test(g));
  if (badGroup) errors.groups = `"${badGroup}" is not a group name: letters, digits, - or _.`;
  const delivery = DELIVERIES.find((d) => d === (v.delivery ?? "at-least-once").trim().toLowerCase());
  if (!delivery) errors.delivery = "Delivery is at-most-once, at-least-once or exactly-once.";
  if (Object.keys(errors).length || avg === null || peak === null || bytes === null || !delivery)
    return { ok: false, errors };
  return {
    ok: true,
    useCase: {
      title: (v.title ?? "").trim() || key,
      producers: [
        {
          key: `${key}-producer`.slice(0, 64),
          topic,
          messagesPerSecond: { avg, peak },
          messageBytes: bytes,
          ...(messageKey ? { messageKey } : {}),
        },
      ],
      topics: [{ name: topic, ...(partitions ? { partitions } : {}) }],
      consumers: groups.map((group) => ({ key: group, group, topic })),
      failure: { delivery },
    },
  };
}

/** Which field a human word names. */
const ALIAS: Record<string, string> = {
  avg: "rate",
  bytes: "size",
  cardinality: "keys",
  consumers: "groups",
};

export function parseUseCaseCommand(input: string): UseCaseCommand {
  const text = input.trim();
  if (text === "") return { kind: "form" };
  if (/^(help|\?)$/i.test(text)) return { kind: "help" };
  const [key = ""] = text.split(/\s+/, 1);
  if (!KEY.test(key))
    return {
      kind: "error",
      message: `Start with the use case's key — letters, digits, - or _ — e.g. \`/usecase orders rate: 500 size: 1kb\` (got "${key}").`,
    };
  const rest = text.slice(key.length).trim();
  if (rest === "") return { kind: "show", key };
  const marks = [...rest.matchAll(FIELD)];
  const values: Record<string, string> = {};
  const lead = (marks[0] ? rest.slice(0, marks[0].index) : rest).trim();
  if (lead) values.title = lead.replace(/^["“](.*)["”]$/, "$1");
  for (const [i, m] of marks.entries()) {
    const name = (m[1] ?? "").toLowerCase();
    const end = marks[i + 1]?.index ?? rest.length;
    values[ALIAS[name] ?? name] = rest
      .slice((m.index ?? 0) + m[0].length, end)
      .trim()
      .replace(/^["“](.*)["”]$/, "$1");
  }
  const built = buildUseCase(key, values);
  if (!built.ok) return { kind: "error", message: Object.values(built.errors).join(" ") };
  return { kind: "put", key, useCase: built.useCase };
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** The sizing card: per topic partitions and storage, the cluster's brokers, and any hot partition. */
export function sizingReply(sizing: SizingView, title: string): Reply {
  const { cluster } = sizing;
  const sections: Section[] = [
    {
      title: "Cluster",
      fields: [
        { label: "Brokers", value: `${cluster.brokers.value} (${cluster.brokers.decidedBy})` },
        { label: "Storage", value: `${round(cluster.storageGB)} GB` },
        { label: "Network", value: `${round(cluster.networkMBps)} MB/s` },
      ],
    },
    ...sizing.topics.map((t) => ({
      title: `Topic ${t.name}`,
      fields: [
        { label: "Partitions", value: `${t.partitions.value} (${t.partitions.decidedBy})` },
        { label: "Peak ingress", value: `${round(t.ingressMBps, 2)} MB/s` },
        { label: "Storage", value: `${round(t.storageGB.value)} GB` },
      ],
    })),
  ];
  const hot = sizing.hotPartitions.filter((h) => h.warnings.length > 0);
  for (const h of hot)
    sections.push({
      title: `⚠ Hot partition in ${h.topic}`,
      text: [
        `The busiest of ${h.partitions} partitions takes ${round(h.maxShare * 100)}% of the traffic (ideal ${round(h.idealShare * 100)}%).`,
        ...h.warnings,
        ...h.advice,
      ].join("\n"),
    });
  if (sizing.warnings.length) sections.push({ title: "Warnings", text: sizing.warnings.join("\n") });
  const brokers = cluster.brokers.value;
  const partitions = sizing.topics.reduce((sum, t) => sum + t.partitions.value, 0);
  return {
    visibility: "channel",
    text: `📐 ${title}: ${partitions === 1 ? "1 partition" : `${partitions} partitions`} on ${brokers === 1 ? "1 broker" : `${brokers} brokers`}${hot.length ? " — ⚠ a hot partition is forecast" : ""}.`,
    sections,
  };
}

/** The use-case form: `uc:<workshopId>`. */
export function useCaseForm(workshopId: string): Reply {
  const text = (id: string, label: string, placeholder: string, optional = true) => ({
    id,
    label,
    kind: "text" as const,
    optional,
    maxLength: 200,
    placeholder,
  });
  return {
    visibility: "ephemeral",
    text: "Capture a use case",
    form: {
      formId: `uc:${workshopId}`,
      title: "Capture a use case",
      submitLabel: "Size it",
      intro: "One producer, one topic, its consumer groups. The answer sizes the Kafka cluster for it.",
      fields: [
        text("usecase", "Use case key", "orders (letters, digits, - or _)", false),
        text("title", "Title", "Order events"),
        text("rate", "Messages per second (average)", "500", false),
        text("peak", "Messages per second (peak)", "2000"),
        text("size", "Message size", "1kb", false),
        text("recordKey", "Record key", "customerId"),
        text("keys", "How many different keys", "100000"),
        text("zipf", "Skew of the keys (Zipf exponent)", "1.1; empty for uniform"),
        text("groups", "Consumer groups", "billing, analytics"),
        {
          id: "delivery",
          label: "Delivery",
          kind: "choice",
          initial: "at-least-once",
          options: DELIVERIES.map((d) => ({ value: d, label: d })),
        },
      ],
    },
  };
}
