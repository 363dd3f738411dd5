import type { WorkshopRow } from "../../db/schema/workshops.js";
import type { Caller } from "../context.js";
import { localDate } from "../domain/dora/calendar.js";
import { sizeUseCase } from "../domain/kafka/sizing.js";
import { isOverdue } from "../domain/outputs/register.js";
import { type Loaded, missing, ok } from "../domain/report/blocks.js";
import type {
  DoraFigure,
  ReportModel,
  ReportSectionData,
  ReportSections,
  SectionKey,
  SizingUseCase,
} from "../domain/report/model.js";
import type { LiveStatus } from "../domain/report/pages.js";
import { SECTION_ORDER } from "../domain/report/sections.js";
import { addCalendarDays, formatLocalTime } from "../domain/time/zoned.js";
import { DomainError } from "../errors.js";
import type { AgendaView } from "../schemas/agenda.js";
import type { Decision } from "../schemas/decision.js";
import type { Metrics } from "../schemas/dora.js";
import { MetricsQuery } from "../schemas/dora.js";
import type { LineItem } from "../schemas/line-item.js";
import type { Output } from "../schemas/output.js";
import { getAgendaView } from "./agenda.js";
import { loadWorkshop, type ServiceContext } from "./context.js";
import { listDecisions } from "./decisions.js";
import { getMetrics } from "./dora-metrics.js";
import { getEnvironments } from "./environments.js";
import { getFeedbackSummary } from "./feedback.js";
import { listLineItems } from "./line-items.js";
import { listOutputs } from "./outputs.js";
import { findPlan } from "./plans.js";
import { getScorecard, listPolls } from "./polls.js";
import { getRegister, REGISTER_KINDS } from "./register.js";
import { getReviewQueue } from "./review.js";
import { scorecardFrame } from "./scorecard-frame.js";
import { getCosts, getSkills } from "./skills-costs.js";
import { getSwot } from "./swot.js";
import { getUseCase, listUseCases } from "./use-cases.js";

/**
 * Reads as everyone in the room may see: a blind poll's tallies stay hidden until it is revealed or
 * closed, whoever asks (a facilitator's token, a PM's, a share link). So the report is the same for
 * every reader of the same workshop. Keeps the reader's organisation and workshop scope (checked with
 * the reader's own actor before this is used), so the services it calls reach the same workshops.
 */
function roomView(ctx: ServiceContext): ServiceContext {
  const caller: Caller = { ...ctx.caller, name: "report", role: "pm" };
  return { ...ctx, caller, actor: null };
}

interface LoadInput {
  ctx: ServiceContext;
  workshop: WorkshopRow;
  asOf: string;
  /** Loaded once and shared: several sections read them. */
  shared: SharedReads;
}
interface SharedReads {
  items: () => Promise<LineItem[]>;
  agenda: () => Promise<AgendaView>;
  scorecard: () => ReturnType<typeof scorecardOrReason>;
  decisions: () => Promise<Decision[]>;
}

type Loader<K extends SectionKey> = (input: LoadInput) => Promise<Loaded<ReportSectionData[K]>>;

/**
 * Where each section's data comes from. Keyed by `SectionKey` like the renderers, so a new section
 * does not compile until it has a loader. A section whose data the room has not produced yet answers
 * `missing(reason)`, the reason saying how to produce it.
 */
const LOADERS: { [K in SectionKey]: Loader<K> } = {
  summary: loadSummary,
  agenda: async ({ workshop, shared }) => {
    const view = await shared.agenda();
    const local = (iso: string | null) => (iso ? formatLocalTime(new Date(iso), workshop.timezone) : null);
    return ok({
      summary: view.summary,
      rows: view.items.map((i) => {
        const actualMinutes =
          i.actualStart && i.actualEnd
            ? Math.round((Date.parse(i.actualEnd) - Date.parse(i.actualStart)) / 60_000)
            : null;
        return {
          day: i.day,
          kind: i.kind,
          title: i.title,
          plannedStart: i.localStart,
          plannedEnd: i.localEnd,
          plannedMinutes: i.plannedMinutes,
          actualStart: local(i.actualStart),
          actualEnd: local(i.actualEnd),
          actualMinutes,
          overrunMinutes: actualMinutes === null ? null : actualMinutes - i.plannedMinutes,
          state: i.state,
        };
      }),
    });
  },
  outputs: async ({ ctx, workshop }) => {
    const outputs = await listOutputs(ctx, { workshopId: workshop.id });
    if (outputs.length === 0) return missing("the agenda names no outputs for its sessions.");
    return ok({
      outputs: outputs.map((o) => ({
        day: o.day,
        session: o.sessionTitle,
        title: o.title,
        status: o.status,
        evidence: evidenceText(o.evidence),
      })),
    });
  },
  lineItems: async ({ shared }) => {
    const items = await shared.items();
    return ok({
      items: items.map((i) => ({
        rank: i.relevance?.rank ?? null,
        kind: i.kind,
        text: i.text,
        priority: i.priority,
        session: i.sessionTitle,
        relevance: i.relevance?.normalized ?? null,
        votes: i.relevance?.votes ?? 0,
      })),
    });
  },
  raid: async ({ ctx, workshop, asOf }) => {
    const [register, review] = await Promise.all([
      getRegister(ctx, { workshopId: workshop.id }),
      getReviewQueue(ctx, { workshopId: workshop.id }),
    ]);
    if (register.items.length === 0)
      return missing("no risk, assumption, issue or dependency captured yet (`/capture risk …` in chat).");
    const { pending, deferred, validated, invalidated } = review.counts;
    return ok({
      items: register.items.map((i) => ({
        kind: i.kind,
        text: i.text,
        owner: i.owner,
        dueDate: i.dueDate,
        // Against the report's own date, not the clock: the same data and asOf give the same report.
        overdue: isOverdue(i.dueDate, i.status, asOf),
        status: i.status,
        likelihood: i.likelihood,
        impact: i.impact,
        exposure: i.exposure,
        review: i.review?.outcome ?? null,
        workPackages: i.workPackages,
      })),
      review: { pending, deferred, validated, invalidated },
    });
  },
  scorecard: async ({ shared }) => {
    const card = await shared.scorecard();
    if (typeof card === "string") return missing(card);
    return ok({
      title: card.title,
      state: card.state,
      voterCount: card.voterCount,
      views: card.views.map((v) => ({
        view: v.view,
        options: v.options.map((o) => ({ key: o.option, label: o.label, score: o.score, rank: o.rank })),
        factors: card.factors.map((f) => ({ key: f.key, label: f.name, weight: f.weight })),
        cells: v.cells.map((c) => ({
          option: c.option,
          factor: c.factor,
          score: c.score,
          votes: c.votes,
          disagreement: c.disagreement,
        })),
      })),
    });
  },
  swot: async ({ ctx, workshop }) => {
    const swot = await getSwot(ctx, { workshopId: workshop.id });
    const texts = (entries: { text: string }[]) => entries.map((e) => e.text);
    const options = swot.options.map((o) => ({
      option: o.option,
      label: o.label,
      strength: texts(o.strength),
      weakness: texts(o.weakness),
      opportunity: texts(o.opportunity),
      threat: texts(o.threat),
    }));
    if (
      options.every(
        (o) => o.strength.length + o.weakness.length + o.opportunity.length + o.threat.length === 0,
      )
    )
      return missing("no SWOT point captured yet (`/swot <option> <s|w|o|t> <text>` in chat).");
    return ok({ options });
  },
  decisions: async ({ ctx, workshop, shared }) => {
    const [decisions, frame] = await Promise.all([shared.decisions(), scorecardFrame(ctx, workshop.id)]);
    if (decisions.length === 0)
      return missing(
        "no decision recorded per scorecard view yet (PUT /v1/workshops/{id}/decisions/{view}); decision line items are in the summary.",
      );
    const option = (key: string) => frame.options.find((o) => o.key === key)?.label ?? key;
    const factor = (key: string) => frame.factors.find((f) => f.key === key)?.name ?? key;
    return ok({
      decisions: decisions.map((d) => ({
        view: d.view,
        option: d.optionLabel,
        recommended: d.recommended.map(option),
        accepted: d.accepted,
        rationale: d.rationale,
        conditions: d.conditions,
        gaps: d.gaps.map(factor),
        unmitigatedGaps: d.unmitigatedGaps.map(factor),
        mitigations: d.mitigations.map((m) => ({
          factor: m.factorName,
          text: m.text,
          workPackage: m.workPackage ?? null,
        })),
        decidedBy: d.decidedByName || d.decidedBy,
        date: localDate(new Date(d.updatedAt), workshop.timezone),
      })),
    });
  },
  skillsCosts: async ({ ctx, workshop }) => {
    const [skills, costs] = await Promise.all([
      getSkills(ctx, { workshopId: workshop.id }),
      getCosts(ctx, { workshopId: workshop.id }),
    ]);
    if (skills.updatedAt === null && costs.updatedAt === null)
      return missing("no skills matrix or cost table yet (PUT /v1/workshops/{id}/skills and …/costs).");
    const label = new Map(costs.totals.map((t) => [t.option, t.label]));
    return ok({
      people: skills.people.length,
      gaps: skills.gaps.map((g) => ({
        skill: g.skill,
        target: g.target,
        best: g.best,
        meeting: g.meeting,
        gap: g.gap,
        workPackage: g.workPackage,
      })),
      costs: costs.items.map((i) => ({
        option: label.get(i.option) ?? i.option,
        environment: i.environment,
        monthly: i.monthly,
        currency: i.currency,
        note: i.note,
      })),
      totals: costs.totals.map((t) => ({
        option: t.label,
        currency: t.currency,
        monthly: t.monthly,
        annual: t.annual,
        votes: costs.costVotes
          .filter((v) => v.option === t.option)
          .map((v) => ({ view: v.view, mean: v.mean, count: v.votes })),
      })),
    });
  },
  dora: loadDora,
  architecture: async ({ ctx, workshop }) => {
    const arch = await getEnvironments(ctx, { workshopId: workshop.id });
    if (arch.environments.length === 0)
      return missing("no environments yet (PUT /v1/workshops/{id}/environments).");
    const linked = new Map<string, number>();
    for (const l of arch.itemLinks) for (const m of l.matches) linked.set(m, (linked.get(m) ?? 0) + 1);
    return ok({
      environments: arch.environments.map((e) => ({
        key: e.key,
        name: e.name,
        tier: e.tier,
        availability: e.availability ?? null,
        rpoMinutes: e.rpoMinutes ?? null,
        rtoMinutes: e.rtoMinutes ?? null,
        regions: e.regions,
        components: e.components.map((c) => ({
          key: c.key,
          kind: c.kind,
          product: c.product,
          count: c.count ?? null,
          notes: c.notes ?? null,
          items: linked.get(`${e.key}.${c.key}`) ?? 0,
        })),
      })),
      itemLinks: arch.itemLinks.map((l) => ({ kind: l.kind, text: l.text, components: l.matches })),
    });
  },
  sizing: loadSizing,
  roadmap: async ({ ctx, workshop }) => {
    const plan = await findPlan(ctx.db, workshop.id);
    if (!plan)
      return missing("no statement-of-work plan yet (PUT /v1/workshops/{id}/plan or /plan in chat).");
    if (plan.workPackages.length === 0) return missing("the plan has no work packages yet.");
    return ok({
      start: plan.start,
      finish: plan.finish,
      deadline: plan.deadline,
      criticalPath: plan.criticalPath,
      workPackages: plan.workPackages.map((w) => ({
        key: w.key,
        title: w.title,
        owner: w.owner,
        phase: w.phase,
        earlyStart: w.earlyStart,
        earlyFinish: w.earlyFinish,
        lateFinish: w.lateFinish,
        durationDays: w.durationDays,
        totalFloat: w.totalFloat,
        critical: w.critical,
        deadline: w.deadline,
        dependsOn: w.dependsOn.map((l) => l.key),
      })),
    });
  },
  nextSteps: loadNextSteps,
  feedback: async ({ ctx, workshop }) => {
    const summary = await getFeedbackSummary(ctx, { workshopId: workshop.id });
    return ok({
      sessions: summary.sessions.map((s) => ({
        title: s.title,
        count: s.count,
        mean: s.mean,
        comments: s.comments.map((c) => c.text),
      })),
    });
  },
};

async function scorecardOrReason(ctx: ServiceContext, workshopId: string) {
  try {
    return await getScorecard(ctx, { workshopId });
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") {
      return "no scorecard poll yet (launch one with `/agenda poll scorecard`).";
    }
    if (err instanceof DomainError && err.code === "CONFLICT") {
      return "the scorecard poll is still blind; its results appear once a facilitator reveals or closes it.";
    }
    throw err;
  }
}

async function loadSummary({ shared }: LoadInput): Promise<Loaded<ReportSectionData["summary"]>> {
  const [agenda, card, items, decisions] = await Promise.all([
    shared.agenda(),
    shared.scorecard(),
    shared.items(),
    shared.decisions(),
  ]);
  const sessions = agenda.items.filter((i) => i.kind === "session");
  const labels =
    typeof card === "string" ? new Map<string, string>() : new Map(card.factors.map((f) => [f.key, f.name]));
  const label = (k: string) => labels.get(k) ?? k;
  const options =
    typeof card === "string" ? new Map<string, string>() : new Map(card.options.map((o) => [o.key, o.label]));
  const optionLabel = (k: string) => options.get(k) ?? k;
  return ok({
    recommendations:
      typeof card === "string"
        ? []
        : card.views.map((v) => ({
            view: v.view,
            tie: v.tie,
            options: v.recommended.map((r) => ({
              label: r.label,
              score: r.score,
              gaps: r.gaps.map(label),
              unscored: r.unscored.map(label),
            })),
          })),
    recommendationNote: typeof card === "string" ? card : null,
    decisions: [
      // Recorded per scorecard view first (see the Decisions section), then decision line items.
      ...decisions.map(
        (d) =>
          `${d.view}: ${d.optionLabel}${
            d.accepted
              ? ", as the scorecard recommends"
              : `, overriding the scorecard's recommendation (${d.recommended.map(optionLabel).join(", ") || "none yet"})`
          }`,
      ),
      ...items
        .filter((i) => i.kind === "decision")
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
        .map((i) => i.text),
    ],
    topRisks: items
      .filter((i) => i.kind === "risk")
      .slice(0, 5)
      .map((i) => i.text),
    agendaSummary: agenda.summary,
    sessionsDone: sessions.filter((s) => s.state === "done").length,
    sessionsTotal: sessions.length,
  });
}

const DORA_LABELS: Record<DoraFigure["key"], { label: string; unit: string; higherIsBetter: boolean }> = {
  deploymentFrequency: { label: "Deployment frequency", unit: "deploy days", higherIsBetter: true },
  leadTimeForChanges: { label: "Lead time for changes", unit: "hours", higherIsBetter: false },
  changeFailureRate: { label: "Change failure rate", unit: "%", higherIsBetter: false },
  timeToRestore: { label: "Time to restore", unit: "hours", higherIsBetter: false },
};

/** Baseline window: the 12 weeks (84 local days) before day 1 of the workshop, by month for the trend. */
async function loadDora({ ctx, workshop }: LoadInput): Promise<Loaded<ReportSectionData["dora"]>> {
  const q = MetricsQuery.parse({
    from: addCalendarDays(workshop.startDate, -84),
    to: workshop.startDate,
    tz: workshop.timezone,
    interval: "month",
    workshopId: workshop.id,
  });
  const m: Metrics = await getMetrics(ctx, q);
  const survey = m.survey;
  const series = m.series ?? [];
  const room = (key: DoraFigure["key"]) => survey?.questions.find((s) => s.key === key);
  const period = (from: string) => localDate(new Date(from), workshop.timezone).slice(0, 7);
  const figure = (
    key: DoraFigure["key"],
    value: string | null,
    tier: DoraFigure["tier"],
    reason: string | null,
    trend: (p: (typeof series)[number]) => number | null,
  ): DoraFigure => ({
    key,
    ...DORA_LABELS[key],
    value,
    tier,
    reason,
    trend: series.map((p) => ({ period: period(p.from), value: trend(p) })),
    roomMedian: room(key)?.median?.label ?? null,
    roomDisagreement: room(key)?.disagreement ?? false,
  });
  const df = m.deploymentFrequency;
  const lt = m.leadTimeForChanges;
  const cfr = m.changeFailureRate;
  const ttr = m.timeToRestore;
  const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
  return ok({
    window: { from: q.from ?? "", to: q.to ?? "", timeZone: m.window.timeZone },
    benchmark: m.benchmark.edition,
    respondents: survey?.respondents ?? 0,
    figures: [
      figure(
        "deploymentFrequency",
        df.bucket ? `${df.bucket} (${df.deployments} deploys)` : null,
        df.tier,
        df.reason,
        (p) => (p.deploymentFrequency.deployments > 0 ? p.deploymentFrequency.deployDays : null),
      ),
      figure(
        "leadTimeForChanges",
        lt.medianMinutes === null ? null : `${hours(lt.medianMinutes)} h`,
        lt.tier,
        lt.reason,
        (p) =>
          p.leadTimeForChanges.medianMinutes === null ? null : hours(p.leadTimeForChanges.medianMinutes),
      ),
      figure(
        "changeFailureRate",
        cfr.rate === null ? null : `${Math.round(cfr.rate * 1000) / 10} %`,
        cfr.tier,
        cfr.reason,
        (p) => (p.changeFailureRate.rate === null ? null : Math.round(p.changeFailureRate.rate * 1000) / 10),
      ),
      figure(
        "timeToRestore",
        ttr.medianHours === null ? null : `${ttr.medianHours} h`,
        ttr.tier,
        ttr.reason,
        (p) => p.timeToRestore.medianHours,
      ),
    ],
  });
}

/** "3 line items (1 reviewed), 1 poll": what feeds an output, zero counts left out. */
function evidenceText(e: Output["evidence"]): string {
  const n = (count: number, one: string, many = `${one}s`) =>
    count ? `${count} ${count === 1 ? one : many}` : "";
  return [
    n(e.items, "line item") + (e.reviewed ? ` (${e.reviewed} reviewed)` : ""),
    n(e.polls, "poll"),
    n(e.decisions, "decision"),
    n(e.workPackages, "work package"),
    n(e.useCases, "use case"),
  ]
    .filter(Boolean)
    .join(", ");
}

/** Every use case (by key) with its data flow and its sizing by the documented formulas and default assumptions. */
async function loadSizing({ ctx, workshop }: LoadInput): Promise<Loaded<ReportSectionData["sizing"]>> {
  const list = await listUseCases(ctx, { workshopId: workshop.id });
  if (list.length === 0)
    return missing("no use case modelled yet (PUT /v1/workshops/{id}/use-cases/{key}, or /usecase in chat).");
  const useCases = await Promise.all(
    list.map(async ({ key }): Promise<SizingUseCase> => {
      const u = await getUseCase(ctx, { workshopId: workshop.id, key });
      const sizing = sizeUseCase(u);
      return {
        key,
        title: u.title,
        delivery: u.failure.delivery,
        producers: u.producers.map((p) => ({
          key: p.key,
          topic: p.topic,
          peakMessagesPerSecond: p.messagesPerSecond.peak,
          messageBytes: p.messageBytes,
          messageKey: p.messageKey?.name ?? null,
        })),
        consumers: u.consumers.map((c) => ({ key: c.key, group: c.group, topic: c.topic })),
        topics: sizing.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.value,
          partitionsDecidedBy: t.partitions.decidedBy,
          replicationFactor: t.replicationFactor,
          retentionHours: t.retentionHours,
          format: u.topics.find((s) => s.name === t.name)?.format ?? null,
          peakMessagesPerSecond: t.peakMessagesPerSecond,
          ingressMBps: t.ingressMBps,
          storageGB: t.storageGB.value,
          networkInMBps: t.networkInMBps.value,
          networkOutMBps: t.networkOutMBps.value,
          consumerGroups: t.consumerGroups,
        })),
        brokers: sizing.cluster.brokers.value,
        brokersDecidedBy: sizing.cluster.brokers.decidedBy,
        storageGB: sizing.cluster.storageGB,
        networkMBps: sizing.cluster.networkMBps,
        hotPartitions: sizing.hotPartitions.map((h) => ({
          topic: h.topic,
          partitions: h.partitions,
          hottest: h.hottest.partition,
          maxShare: h.maxShare,
          skew: h.skew,
        })),
        clientSettings: sizing.clientSettings.map((c) => ({ ...c })),
        warnings: sizing.warnings,
        advice: sizing.hotPartitions.flatMap((h) => h.advice),
      };
    }),
  );
  return ok({ useCases });
}

async function loadNextSteps({
  ctx,
  workshop,
  asOf,
  shared,
}: LoadInput): Promise<Loaded<ReportSectionData["nextSteps"]>> {
  const [agenda, plan, items, decisions, card] = await Promise.all([
    shared.agenda(),
    findPlan(ctx.db, workshop.id),
    shared.items(),
    shared.decisions(),
    shared.scorecard(),
  ]);
  const steps: string[] = [];
  const left = agenda.items.filter(
    (i) => i.kind === "session" && (i.state === "pending" || i.state === "running" || i.state === "paused"),
  );
  if (left.length)
    steps.push(
      `Finish the agenda: ${left.length} session${left.length === 1 ? "" : "s"} left, next "${left[0]?.title}".`,
    );
  const open = items.filter((i) => (i.kind === "assumption" || i.kind === "gap") && i.status === "open");
  if (open.length)
    steps.push(
      `Validate ${open.length} assumption${open.length === 1 ? "" : "s"} and gap${open.length === 1 ? "" : "s"} with their owners.`,
    );
  const overdue = items.filter(
    (i) => (REGISTER_KINDS as readonly string[]).includes(i.kind) && isOverdue(i.dueDate, i.status, asOf),
  );
  if (overdue.length)
    steps.push(
      `Follow up ${overdue.length} overdue register item${overdue.length === 1 ? "" : "s"} with ${overdue.length === 1 ? "its owner" : "their owners"}.`,
    );
  const factors =
    typeof card === "string" ? new Map<string, string>() : new Map(card.factors.map((f) => [f.key, f.name]));
  for (const d of decisions) {
    if (d.unmitigatedGaps.length)
      steps.push(
        `Agree how to mitigate the gaps of ${d.optionLabel} (${d.view}): ${d.unmitigatedGaps.map((g) => factors.get(g) ?? g).join(", ")}.`,
      );
  }
  if (!plan || plan.workPackages.length === 0) {
    steps.push("Draft the statement-of-work plan (work packages and their dependencies).");
  } else {
    const first = [...plan.workPackages]
      .sort((a, b) => a.earlyStart.localeCompare(b.earlyStart) || a.key.localeCompare(b.key))
      .filter((w) => w.critical)
      .slice(0, 3);
    for (const w of first)
      steps.push(`Start ${w.title} (${w.key}) on ${w.earlyStart}: it is on the critical path.`);
  }
  return ok({ steps });
}

/**
 * The report's data, section by section, as of `asOf` (a local date; today in the workshop's time
 * zone when absent). A section whose data does not exist yet carries the reason instead.
 */
export async function buildReportModel(
  ctx: ServiceContext,
  input: { workshopId: string; asOf?: string | undefined; sections?: readonly SectionKey[] },
): Promise<ReportModel> {
  const workshop = await loadWorkshop(ctx, input.workshopId);
  return buildReportModelFor(ctx, workshop, input);
}

/**
 * The same for a workshop already loaded (share links resolve theirs from the secret). `ctx` must be
 * able to reach the workshop: the services it calls load it again through `loadWorkshop`.
 */
export async function buildReportModelFor(
  reader: ServiceContext,
  workshop: WorkshopRow,
  input: { asOf?: string | undefined; sections?: readonly SectionKey[] },
): Promise<ReportModel> {
  const ctx = roomView(reader);
  const asOf = input.asOf ?? localDate(ctx.now, workshop.timezone);
  let items: Promise<LineItem[]> | undefined;
  let agendaView: Promise<AgendaView> | undefined;
  let card: ReturnType<typeof scorecardOrReason> | undefined;
  let decisions: Promise<Decision[]> | undefined;
  const shared: SharedReads = {
    agenda: () => {
      agendaView ??= getAgendaView(ctx, { workshopId: workshop.id });
      return agendaView;
    },
    scorecard: () => {
      card ??= scorecardOrReason(ctx, workshop.id);
      return card;
    },
    items: () => {
      items ??= listLineItems(ctx, { workshopId: workshop.id, order: "relevance" });
      return items;
    },
    decisions: () => {
      decisions ??= listDecisions(ctx, { workshopId: workshop.id });
      return decisions;
    },
  };
  const agenda = await shared.agenda();
  const days = agenda.items.reduce((n, i) => Math.max(n, i.day), 1);
  const wanted = new Set(input.sections ?? SECTION_ORDER);
  const entries = await Promise.all(
    SECTION_ORDER.map(async (key) => {
      if (!wanted.has(key)) return [key, missing("not part of this page.")] as const;
      const loader = LOADERS[key] as Loader<typeof key>;
      return [key, await loader({ ctx, workshop, asOf, shared })] as const;
    }),
  );
  return {
    workshop: {
      id: workshop.id,
      name: workshop.name,
      timezone: workshop.timezone,
      startDate: workshop.startDate,
      days,
    },
    asOf,
    sections: Object.fromEntries(entries) as ReportSections,
  };
}

/** The live view's figures: the current session and its time left, what comes next, votes in per open poll. */
export async function getLiveStatus(reader: ServiceContext, workshop: WorkshopRow): Promise<LiveStatus> {
  const ctx = roomView(reader);
  const [agenda, polls] = await Promise.all([
    getAgendaView(ctx, { workshopId: workshop.id }),
    listPolls(ctx, { workshopId: workshop.id }),
  ]);
  const current = agenda.items.find((i) => i.id === agenda.currentItemId);
  const next = agenda.items.find((i) => i.id === agenda.nextItemId);
  return {
    current: current ? { title: current.title, state: current.state, secondsLeft: agenda.secondsLeft } : null,
    next: next ? `${next.title} at ${next.projectedLocalStart}` : null,
    agendaSummary: agenda.summary,
    polls: polls
      .filter((p) => p.state === "open")
      .map((p) => ({ title: p.title, voterCount: p.voterCount }))
      .sort((a, b) => a.title.localeCompare(b.title)),
  };
}
