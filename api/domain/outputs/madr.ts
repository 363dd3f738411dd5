/**
 * A recorded decision as an architecture decision record in MADR's Markdown layout (Markdown
 * Architectural Decision Records: title, status, context and problem, considered options, decision
 * outcome, consequences). Pure: the same decision gives the same bytes.
 */
export interface MadrDecision {
  workshopName: string;
  view: string;
  option: { key: string; label: string };
  options: readonly { key: string; label: string; score: number | null }[];
  recommended: readonly string[];
  accepted: boolean;
  rationale: string;
  conditions: readonly string[];
  mitigations: readonly {
    factor: string;
    factorName: string;
    text: string;
    workPackage?: string | undefined;
  }[];
  decidedBy: string;
  /** Local date, YYYY-MM-DD. */
  date: string;
}

/** One line of Markdown text: no line breaks, and table pipes escaped. */
const line = (s: string) => s.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");

export function renderMadr(d: MadrDecision): string {
  const label = (key: string) => d.options.find((o) => o.key === key)?.label ?? key;
  const recommended = d.recommended.map(label).join(" and ") || "none (no votes yet)";
  const out: string[] = [
    `# ${line(`Platform for ${d.view}: ${d.option.label}`)}`,
    "",
    "* Status: accepted",
    `* Deciders: ${line(d.decidedBy)}`,
    `* Date: ${d.date}`,
    "",
    "## Context and Problem Statement",
    "",
    `Which Kafka platform should ${line(d.workshopName)} use for ${line(d.view)}? The room scored the options ` +
      `on the workshop's factors; the scorecard recommended ${line(recommended)}.`,
    "",
    "## Considered Options",
    "",
    ...d.options.map(
      (o) => `* ${line(o.label)}${o.score === null ? " (not scored)" : ` (score ${o.score.toFixed(2)})`}`,
    ),
    "",
    "## Decision Outcome",
    "",
    `Chosen option: "${line(d.option.label)}", because ${line(d.rationale)}`,
    "",
    d.accepted
      ? "This accepts the scorecard's recommendation."
      : `This overrides the scorecard's recommendation (${line(recommended)}).`,
  ];
  if (d.conditions.length) {
    out.push("", "### Conditions", "", ...d.conditions.map((c) => `* ${line(c)}`));
  }
  out.push("", "### Consequences", "");
  if (d.mitigations.length) {
    for (const m of d.mitigations) {
      const wp = m.workPackage ? ` (work package \`${m.workPackage}\`)` : "";
      out.push(`* Gap in ${line(m.factorName)}: ${line(m.text)}${wp}`);
    }
  } else {
    out.push("* No gap mitigations recorded.");
  }
  return `${out.join("\n")}\n`;
}
