import type { EnvironmentSpec } from "./environment-types.js";
import { fmt } from "./numbers.js";
import type { UseCaseModel } from "./types.js";

/**
 * Mermaid flowcharts of environments and of a use case's data flow. Node ids are generated (`e0c1`,
 * `p0`) so no name the room types can break the grammar; names are quoted labels with `"` and the
 * characters Mermaid's lexer treats specially written as entity codes, which Mermaid decodes when it draws.
 */
export function label(value: string): string {
  const flat = value.replace(/[\r\n\t]+/g, " ").trim();
  return flat.replace(/["#;`<>]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** One subgraph per environment (tier, regions, availability), a node per component (product × count). */
export function environmentsMermaid(
  environments: EnvironmentSpec[],
  links: Map<string, string[]> = new Map(),
): string {
  const lines = ["flowchart TB"];
  environments.forEach((env, e) => {
    const facts = [
      env.tier,
      env.regions.length ? env.regions.join(", ") : "",
      env.availability ?? "",
      env.rpoMinutes !== undefined ? `RPO ${env.rpoMinutes} min` : "",
      env.rtoMinutes !== undefined ? `RTO ${env.rtoMinutes} min` : "",
    ].filter(Boolean);
    lines.push(`  subgraph e${e}["${label(`${env.name} (${facts.join(" · ")})`)}"]`);
    if (env.components.length === 0) lines.push(`    e${e}x["${label("no components yet")}"]`);
    env.components.forEach((c, i) => {
      const count = c.count !== undefined ? ` × ${c.count}` : "";
      const items = links.get(`${env.key}.${c.key}`)?.length ?? 0;
      const needs = items ? ` · ${items} line item${items === 1 ? "" : "s"}` : "";
      lines.push(`    e${e}c${i}["${label(`${c.product}${count}`)} — ${label(`${c.kind}${needs}`)}"]`);
    });
    lines.push("  end");
  });
  return `${lines.join("\n")}\n`;
}

/** Producers → topics → consumer groups, edges labelled with peak rates; topics show partitions when known. */
export function useCaseMermaid(model: UseCaseModel, partitions: Map<string, number> = new Map()): string {
  const lines = ["flowchart LR", `  %% ${label(model.title).replace(/%/g, "")}`];
  const topicId = new Map(model.topics.map((t, i) => [t.name, `t${i}`]));
  for (const [i, p] of model.producers.entries()) lines.push(`  p${i}(["${label(p.key)}"])`);
  model.topics.forEach((t, i) => {
    const n = partitions.get(t.name) ?? t.partitions;
    const facts = [n !== undefined ? `${n} partitions` : "", `RF ${t.replicationFactor}`, t.format ?? ""]
      .filter(Boolean)
      .join(" · ");
    lines.push(`  t${i}[["${label(t.name)} — ${label(facts)}"]]`);
  });
  const groups = [...new Set(model.consumers.map((c) => c.group))];
  for (const [i, g] of groups.entries()) lines.push(`  g${i}{{"${label(g)}"}}`);
  model.producers.forEach((p, i) => {
    const key = p.messageKey ? ` · key ${p.messageKey.name}` : "";
    const edge = label(`${fmt(p.messagesPerSecond.peak)} msg/s peak${key}`);
    lines.push(`  p${i} -->|"${edge}"| ${topicId.get(p.topic) ?? "unknown"}`);
  });
  const seen = new Set<string>();
  for (const c of model.consumers) {
    const pair = `${c.topic}\u0000${c.group}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    lines.push(`  ${topicId.get(c.topic) ?? "unknown"} --> g${groups.indexOf(c.group)}`);
  }
  return `${lines.join("\n")}\n`;
}
