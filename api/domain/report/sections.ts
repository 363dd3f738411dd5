import type { Block } from "./blocks.js";
import { formatNumber } from "./escape.js";
import type { ReportModel, ReportSectionData, SectionKey } from "./model.js";
import { dataFlowSvg } from "./svg/data-flow.js";
import { doraTilesSvg } from "./svg/dora.js";
import { environmentsSvg } from "./svg/environments.js";
import { ganttSvg } from "./svg/gantt.js";
import { heatmapSvg } from "./svg/heatmap.js";

/** How one section turns its data into content; `asOf` and the workshop come with the model. */
export interface SectionRenderer<T> {
  title: string;
  render(data: T, model: ReportModel): Block[];
}

/**
 * The report's sections, in report order. Keyed by `SectionKey`, so a new key in
 * `ReportSectionData` does not compile until it has a renderer here (and a loader in
 * api/services/report.ts).
 */
export const REPORT_SECTIONS: { [K in SectionKey]: SectionRenderer<ReportSectionData[K]> } = {
  summary: {
    title: "Summary",
    render: (d) => {
      const blocks: Block[] = [
        {
          kind: "facts",
          items: [
            { label: "Sessions done", value: `${d.sessionsDone} of ${d.sessionsTotal}` },
            { label: "Agenda", value: d.agendaSummary },
          ],
        },
        { kind: "subheading", text: "Recommended option" },
      ];
      if (d.recommendations.length === 0) {
        blocks.push({
          kind: "paragraph",
          text: d.recommendationNote ?? "No recommendation yet.",
          tone: "note",
        });
      }
      for (const r of d.recommendations) {
        const prefix = r.view ? `${r.view}: ` : "";
        if (r.options.length === 0) {
          blocks.push({ kind: "paragraph", text: `${prefix}no votes yet.`, tone: "note" });
          continue;
        }
        blocks.push({
          kind: "list",
          items: r.options.map(
            (o) =>
              `${prefix}${o.label} (score ${formatNumber(o.score, 2)}${r.tie ? ", tied" : ""}); gaps: ${
                o.gaps.length ? o.gaps.join(", ") : "none"
              }${o.unscored.length ? `; not scored: ${o.unscored.join(", ")}` : ""}`,
          ),
        });
      }
      blocks.push({ kind: "subheading", text: "Decisions" });
      blocks.push(
        d.decisions.length
          ? { kind: "list", items: d.decisions }
          : { kind: "paragraph", text: "No decision recorded yet.", tone: "note" },
      );
      blocks.push({ kind: "subheading", text: "Top risks" });
      blocks.push(
        d.topRisks.length
          ? { kind: "list", items: d.topRisks, ordered: true }
          : { kind: "paragraph", text: "No risk captured yet.", tone: "note" },
      );
      return blocks;
    },
  },
  agenda: {
    title: "Agenda as run",
    render: (d) => [
      { kind: "paragraph", text: d.summary },
      {
        kind: "table",
        caption: "Planned and actual times (local), overruns in minutes",
        head: ["Day", "Item", "Planned", "Actual", "Planned min", "Actual min", "Overrun", "State"],
        align: ["right", "left", "left", "left", "right", "right", "right", "left"],
        rows: d.rows.map((r) => [
          String(r.day),
          r.kind === "break" ? `${r.title} (break)` : r.title,
          `${r.plannedStart}–${r.plannedEnd}`,
          r.actualStart ? `${r.actualStart}–${r.actualEnd ?? "…"}` : "",
          String(r.plannedMinutes),
          r.actualMinutes === null ? "" : String(r.actualMinutes),
          r.overrunMinutes === null
            ? ""
            : r.overrunMinutes > 0
              ? `+${r.overrunMinutes}`
              : String(r.overrunMinutes),
          r.state,
        ]),
        rowClass: d.rows.map((r) => ((r.overrunMinutes ?? 0) > 0 ? "overrun" : null)),
      },
    ],
  },
  outputs: {
    title: "Outputs",
    render: (d) => {
      const count = (status: string) => d.outputs.filter((o) => o.status === status).length;
      return [
        {
          kind: "paragraph",
          text: `${count("done")} of ${d.outputs.length} done, ${count("draft")} in draft, ${count("open")} open.`,
        },
        {
          kind: "table",
          caption: "What each session had to produce, its status and what feeds it",
          head: ["Day", "Session", "Output", "Status", "Evidence"],
          align: ["right", "left", "left", "left", "left"],
          rows: d.outputs.map((o) => [String(o.day), o.session, o.title, o.status, o.evidence || "none yet"]),
        },
      ];
    },
  },
  lineItems: {
    title: "Line items, ranked",
    render: (d) =>
      d.items.length === 0
        ? [{ kind: "paragraph", text: "No line item captured yet.", tone: "note" }]
        : [
            {
              kind: "table",
              caption: "By the room's relevance votes, then the unrated ones, oldest first",
              head: ["#", "Kind", "Line item", "Priority", "Session", "Relevance", "Votes"],
              align: ["right", "left", "left", "left", "left", "right", "right"],
              rows: d.items.map((i) => [
                i.rank === null ? "" : String(i.rank),
                i.kind,
                i.text,
                i.priority ?? "",
                i.session ?? "",
                i.relevance === null ? "" : `${Math.round(i.relevance * 100)} %`,
                String(i.votes),
              ]),
            },
          ],
  },
  raid: {
    title: "RAID register",
    render: (d) => {
      const overdue = d.items.filter((i) => i.overdue).length;
      const r = d.review;
      return [
        {
          kind: "facts",
          items: [
            {
              label: "Items",
              value: `${d.items.length}${overdue ? `, ${overdue} overdue` : ""}`,
            },
            {
              label: "Day-2 review",
              value: `${r.validated} validated, ${r.invalidated} invalidated, ${r.deferred} deferred, ${r.pending} not reviewed yet`,
            },
          ],
        },
        {
          kind: "table",
          caption:
            "Risks, assumptions, issues and dependencies by due date, then exposure (likelihood × impact)",
          head: ["Kind", "Item", "Owner", "Due", "Status", "Review", "L × I", "Work packages"],
          align: ["left", "left", "left", "left", "left", "left", "right", "left"],
          rows: d.items.map((i) => [
            i.kind,
            i.text,
            i.owner ?? "",
            i.dueDate ? `${i.dueDate}${i.overdue ? " (overdue)" : ""}` : "",
            i.status,
            i.review ?? "",
            i.exposure === null ? "" : `${i.likelihood} × ${i.impact} = ${i.exposure}`,
            i.workPackages.join(", "),
          ]),
          rowClass: d.items.map((i) => (i.overdue ? "attention" : null)),
        },
      ];
    },
  },
  scorecard: {
    title: "Scorecard",
    render: (d) => {
      const blocks: Block[] = [
        { kind: "paragraph", text: `${d.title}: ${d.state}, ${d.voterCount} voters.` },
      ];
      d.views.forEach((v, n) => {
        if (v.view) blocks.push({ kind: "subheading", text: `View: ${v.view}` });
        blocks.push({
          kind: "figure",
          svg: heatmapSvg(v, `heatmap-${n}`),
          alt: `Heat map of ${v.options.length} options by ${v.factors.length} factors (the table below has the figures).`,
        });
        const cell = new Map(v.cells.map((c) => [`${c.option}\u0000${c.factor}`, c]));
        blocks.push({
          kind: "table",
          caption: "Scores from 1 (low) to 3 (high), higher is better; ! marks disagreement",
          head: ["Option", ...v.factors.map((f) => f.label), "Score", "Rank"],
          align: ["left", ...v.factors.map(() => "right" as const), "right", "right"],
          rows: v.options.map((o) => [
            o.label,
            ...v.factors.map((f) => {
              const c = cell.get(`${o.key}\u0000${f.key}`);
              return c?.score == null ? "" : `${formatNumber(c.score, 2)}${c.disagreement ? " !" : ""}`;
            }),
            o.score === null ? "" : formatNumber(o.score, 2),
            o.rank === null ? "" : String(o.rank),
          ]),
        });
      });
      return blocks;
    },
  },
  swot: {
    title: "SWOT",
    render: (d) => {
      const empty = d.options.filter(
        (o) => o.strength.length + o.weakness.length + o.opportunity.length + o.threat.length === 0,
      );
      const blocks = d.options
        .filter((o) => !empty.includes(o))
        .flatMap((o): Block[] => [
          { kind: "subheading", text: o.label },
          {
            kind: "table",
            caption: `Strengths, weaknesses, opportunities and threats of ${o.label}`,
            head: ["Quadrant", "Points"],
            rows: (
              [
                ["Strengths", o.strength],
                ["Weaknesses", o.weakness],
                ["Opportunities", o.opportunity],
                ["Threats", o.threat],
              ] as const
            ).map(([q, points]) => [q, points.join("; ")]),
          },
        ]);
      if (empty.length)
        blocks.push({
          kind: "paragraph",
          text: `No point captured yet for ${empty.map((o) => o.label).join(", ")}.`,
          tone: "note",
        });
      return blocks;
    },
  },
  decisions: {
    title: "Decisions",
    render: (d) =>
      d.decisions.flatMap((dec): Block[] => [
        { kind: "subheading", text: `${dec.view}: ${dec.option}` },
        ...(dec.accepted
          ? []
          : [
              {
                kind: "paragraph",
                text: `This overrides the scorecard's recommendation (${dec.recommended.join(", ") || "none yet"}).`,
                tone: "warning",
              } as Block,
            ]),
        {
          kind: "facts",
          items: [
            { label: "Recommended by the scorecard", value: dec.recommended.join(", ") || "none yet" },
            { label: "Accepted as recommended", value: dec.accepted ? "yes" : "no: overridden" },
            { label: "Rationale", value: dec.rationale },
            { label: "Gaps", value: dec.gaps.join(", ") || "none" },
            { label: "Gaps without a mitigation", value: dec.unmitigatedGaps.join(", ") || "none" },
            { label: "Decided", value: `${dec.date} by ${dec.decidedBy}` },
          ],
        },
        dec.conditions.length
          ? { kind: "list", items: dec.conditions.map((c) => `Condition: ${c}`) }
          : { kind: "paragraph", text: "No conditions.", tone: "note" },
        {
          kind: "table",
          caption: "Mitigations",
          head: ["Gap in", "Mitigation", "Work package"],
          rows: dec.mitigations.map((m) => [m.factor, m.text, m.workPackage ?? ""]),
        },
      ]),
  },
  skillsCosts: {
    title: "Skills and costs",
    render: (d) => [
      { kind: "subheading", text: "Skills" },
      {
        kind: "table",
        caption: `Skill gaps of ${d.people} ${d.people === 1 ? "person" : "people"} (levels 0 none, 1 aware, 2 practitioner, 3 expert)`,
        head: ["Skill", "Target", "Best in team", "At target", "Gap", "Training work package"],
        align: ["left", "right", "right", "right", "right", "left"],
        rows: d.gaps.map((g) => [
          g.skill,
          String(g.target),
          String(g.best),
          String(g.meeting),
          String(g.gap),
          g.workPackage ?? "",
        ]),
        rowClass: d.gaps.map((g) => (g.gap > 0 ? "attention" : null)),
      },
      { kind: "subheading", text: "Costs" },
      {
        kind: "table",
        caption: "Monthly run costs per option and environment",
        head: ["Option", "Environment", "Monthly", "Note"],
        align: ["left", "left", "right", "left"],
        rows: d.costs.map((c) => [
          c.option,
          c.environment,
          `${formatNumber(c.monthly, 2)} ${c.currency}`,
          c.note ?? "",
        ]),
      },
      {
        kind: "table",
        caption: "Totals per option beside the room's Cost votes (1 = low cost … 3 = high cost)",
        head: ["Option", "Monthly", "Annual", "Room's Cost vote"],
        align: ["left", "right", "right", "left"],
        rows: d.totals.map((t) => [
          t.option,
          `${formatNumber(t.monthly, 2)} ${t.currency}`,
          `${formatNumber(t.annual, 2)} ${t.currency}`,
          t.votes
            .map(
              (v) =>
                `${v.view}: ${v.mean === null ? "no votes" : `${formatNumber(v.mean, 2)} (${v.count} votes)`}`,
            )
            .join("; "),
        ]),
      },
    ],
  },
  dora: {
    title: "Four key metrics baseline",
    render: (d) => [
      {
        kind: "paragraph",
        text: `Measured from ${d.window.from} to ${d.window.to} (${d.window.timeZone}), production deployments, benchmark ${d.benchmark}; the room's quick check had ${d.respondents} respondent${d.respondents === 1 ? "" : "s"}.`,
      },
      {
        kind: "figure",
        svg: doraTilesSvg(d.figures),
        alt: "Four tiles: each metric with its tier, the room's answer and a trend line (the table below has the figures).",
      },
      {
        kind: "table",
        caption: "Measured figures and tiers beside the room's quick check",
        head: ["Metric", "Measured", "Tier", "Room's median answer", "Trend (oldest first)"],
        rows: d.figures.map((f) => [
          f.label,
          f.value ?? `no data: ${f.reason ?? "none"}`,
          f.tier ?? "",
          `${f.roomMedian ?? "no answers"}${f.roomDisagreement ? " (answers far apart)" : ""}`,
          f.trend.map((p) => (p.value === null ? "–" : formatNumber(p.value, 2))).join(" · "),
        ]),
      },
    ],
  },
  architecture: {
    title: "Architecture",
    render: (d) => [
      {
        kind: "figure",
        svg: environmentsSvg(d),
        alt: `Environments diagram: ${d.environments.length} environments and their components (the tables below list them).`,
      },
      ...d.environments.flatMap((e): Block[] => [
        { kind: "subheading", text: `${e.name} (${e.tier})` },
        {
          kind: "facts",
          items: [
            { label: "Regions", value: e.regions.join(", ") || "none given" },
            { label: "Availability", value: e.availability ?? "not set" },
            {
              label: "Recovery",
              value: `RPO ${e.rpoMinutes === null ? "not set" : `${formatNumber(e.rpoMinutes)} min`}, RTO ${
                e.rtoMinutes === null ? "not set" : `${formatNumber(e.rtoMinutes)} min`
              }`,
            },
          ],
        },
        {
          kind: "table",
          caption: `Components of ${e.name}`,
          head: ["Component", "Kind", "Product", "Count", "Line items", "Notes"],
          align: ["left", "left", "left", "right", "right", "left"],
          rows: e.components.map((c) => [
            c.key,
            c.kind,
            c.product,
            c.count === null ? "" : String(c.count),
            String(c.items),
            c.notes ?? "",
          ]),
        },
      ]),
      { kind: "subheading", text: "Line items mapped onto components" },
      {
        kind: "table",
        caption: "Captured needs and the components that meet them",
        head: ["Kind", "Line item", "Components"],
        rows: d.itemLinks.map((l) => [l.kind, l.text, l.components.join(", ") || "none left"]),
      },
    ],
  },
  sizing: {
    title: "Use cases and sizing",
    render: (d) =>
      d.useCases.flatMap((u, n): Block[] => [
        { kind: "subheading", text: u.title },
        {
          kind: "paragraph",
          text: `${u.brokers} brokers, decided by ${u.brokersDecidedBy}; ${formatNumber(u.storageGB, 1)} GB stored, ${formatNumber(u.networkMBps, 2)} MB/s of broker network at peak; ${u.delivery} delivery.`,
        },
        {
          kind: "figure",
          svg: dataFlowSvg(u, `dataflow-${n}`),
          alt: `Data flow of ${u.title}: producers, topics and consumer groups (the tables below have the figures).`,
        },
        {
          kind: "table",
          caption: `Topics of ${u.title}, sized at peak (MB = 10^6 bytes)`,
          head: [
            "Topic",
            "Partitions",
            "Decided by",
            "RF",
            "Ingress MB/s",
            "Storage GB",
            "Net in/out MB/s",
            "Read by",
          ],
          align: ["left", "right", "left", "right", "right", "right", "right", "left"],
          rows: u.topics.map((t) => [
            t.name,
            String(t.partitions),
            t.partitionsDecidedBy,
            String(t.replicationFactor),
            formatNumber(t.ingressMBps, 2),
            formatNumber(t.storageGB, 1),
            `${formatNumber(t.networkInMBps, 2)} / ${formatNumber(t.networkOutMBps, 2)}`,
            t.consumerGroups.join(", "),
          ]),
        },
        ...(u.hotPartitions.length
          ? [
              {
                kind: "table",
                caption: "Hot partitions: the busiest partition's share against an even spread",
                head: ["Topic", "Partitions", "Hottest", "Its share", "Skew"],
                align: ["left", "right", "right", "right", "right"],
                rows: u.hotPartitions.map((h) => [
                  h.topic,
                  String(h.partitions),
                  String(h.hottest),
                  `${formatNumber(h.maxShare * 100, 1)} %`,
                  `${formatNumber(h.skew, 2)}×`,
                ]),
              } as Block,
            ]
          : []),
        ...u.warnings.map((w): Block => ({ kind: "paragraph", text: w, tone: "warning" })),
        ...(u.advice.length ? [{ kind: "list", items: u.advice } as Block] : []),
        {
          kind: "table",
          caption: `Client and topic settings for ${u.delivery} delivery`,
          head: ["Scope", "Setting", "Value", "Why"],
          rows: u.clientSettings.map((c) => [c.scope, c.name, c.value, c.why]),
        },
      ]),
  },
  roadmap: {
    title: "Roadmap",
    render: (d, model) => [
      {
        kind: "facts",
        items: [
          { label: "Start", value: d.start },
          { label: "Finish", value: d.finish },
          { label: "Deadline", value: d.deadline ?? "none" },
          { label: "Critical path", value: d.criticalPath.length ? d.criticalPath.join(" → ") : "none" },
        ],
      },
      {
        kind: "figure",
        svg: ganttSvg(d, model.asOf),
        alt: "Gantt chart of every work package (the table below has the dates).",
      },
      {
        kind: "table",
        caption: "Work packages by early start; critical ones have no float",
        head: ["Key", "Work package", "Owner", "Start", "Finish", "Days", "Float", "Critical", "Deadline"],
        align: ["left", "left", "left", "left", "left", "right", "right", "left", "left"],
        rows: d.workPackages.map((w) => [
          w.key,
          w.title,
          w.owner ?? "",
          w.earlyStart,
          w.earlyFinish,
          w.durationDays === 0 ? "milestone" : String(w.durationDays),
          String(w.totalFloat),
          w.critical ? "yes" : "",
          w.deadline ?? "",
        ]),
        rowClass: d.workPackages.map((w) => (w.critical ? "critical" : null)),
      },
    ],
  },
  nextSteps: {
    title: "Next steps",
    render: (d) =>
      d.steps.length
        ? [{ kind: "list", items: d.steps, ordered: true }]
        : [{ kind: "paragraph", text: "Nothing left open.", tone: "note" }],
  },
  feedback: {
    title: "Session feedback",
    render: (d) => {
      const rated = d.sessions.filter((s) => s.count > 0);
      if (rated.length === 0) return [{ kind: "paragraph", text: "No feedback given yet.", tone: "note" }];
      return [
        {
          kind: "table",
          caption: "Ratings from 1 to 5 per session",
          head: ["Session", "Ratings", "Mean", "Comments"],
          align: ["left", "right", "right", "left"],
          rows: rated.map((s) => [
            s.title,
            String(s.count),
            s.mean === null ? "" : formatNumber(s.mean, 1),
            s.comments.join(" / "),
          ]),
        },
      ];
    },
  },
};

/** Section keys in report order (the registry's own order). */
export const SECTION_ORDER = Object.keys(REPORT_SECTIONS) as SectionKey[];

export interface RenderedSection {
  key: SectionKey;
  title: string;
  /** null when the section has content; else why not (shown as "Not captured yet: …"). */
  missing: string | null;
  blocks: Block[];
}

/** Every section's content, in report order; a missing section gets one note saying why. */
export function renderSections(model: ReportModel, only?: readonly SectionKey[]): RenderedSection[] {
  const keys = only ?? SECTION_ORDER;
  return keys.map((key) => renderOne(model, key));
}

function renderOne<K extends SectionKey>(model: ReportModel, key: K): RenderedSection {
  const renderer = REPORT_SECTIONS[key] as SectionRenderer<ReportSectionData[K]>;
  const loaded = model.sections[key];
  if (loaded.status === "missing") {
    return {
      key,
      title: renderer.title,
      missing: loaded.reason,
      blocks: [{ kind: "paragraph", text: `Not captured yet: ${loaded.reason}`, tone: "note" }],
    };
  }
  return { key, title: renderer.title, missing: null, blocks: renderer.render(loaded.data, model) };
}
