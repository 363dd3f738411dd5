import type { DoraSurvey } from "./dora-survey.js";
import type {
  CostsView,
  DecisionView,
  NewDecision,
  NewUseCase,
  OutputStatus,
  OutputView,
  ReviewOutcome,
  ReviewQueueView,
  SessionFeedbackView,
  ShareLinkView,
  SizingView,
  SkillsView,
  SwotEntryView,
  SwotQuadrant,
  SwotView,
} from "./outputs-types.js";
import type { NewWorkPackage, PlanCalendar, PlanSummary, WorkPackageChange } from "./plan-types.js";
import type {
  CastVotesResult,
  LineItemView,
  MyFeedback,
  NewLineItem,
  NewPoll,
  PollView,
  VoteInput,
} from "./poll-types.js";
import type { Actor, AgendaActionName, AgendaView, Channel, TimerEvent, WorkshopSummary } from "./types.js";

/** A refusal or failure from the API, with its error code (FORBIDDEN, CONFLICT, NOT_FOUND, …). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** For a refused input: each field at fault (`by`, `dependsOn.0`, `producers.0.messageBytes`) and why. */
    readonly details: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface NewAgendaItem {
  day: number;
  start: string;
  end: string;
  kind: "session" | "break";
  title: string;
}

/** What the facilitation core needs from the Baton API. Implemented over the typed Hono client. */
export interface BatonApi {
  findWorkshop(idOrName: string): Promise<WorkshopSummary | null>;
  createWorkshop(input: {
    name: string;
    timezone: string;
    startDate: string;
    agenda?: NewAgendaItem[];
    /** The chat person creating it; they become its first facilitator. */
    actor?: Actor;
  }): Promise<WorkshopSummary>;
  /** The workshop a channel follows, or null. */
  getBinding(channel: Channel): Promise<WorkshopSummary | null>;
  bindChannel(channel: Channel, workshopId: string, actor: Actor): Promise<void>;
  getAgenda(workshopId: string): Promise<AgendaView>;
  agendaAction(
    workshopId: string,
    input: { action: AgendaActionName; minutes?: number; actor: Actor; expectCurrentItemId?: string },
    idempotencyKey?: string,
  ): Promise<{ message: string; agenda: AgendaView; summaryChanged: boolean }>;
  claimTimerEvents(input: {
    platforms: string[];
    limit: number;
    leaseSeconds: number;
  }): Promise<TimerEvent[]>;
  /** Claims due messages and says when to look next (ISO time; null: nothing waits). */
  claimTimerBatch(input: {
    platforms: string[];
    limit: number;
    leaseSeconds: number;
    /** Also claim what falls due within this many milliseconds (to post at its time). */
    aheadMs?: number;
  }): Promise<{ events: TimerEvent[]; nextDueAt: string | null }>;
  /**
   * Just before posting a claimed message: records the attempt and checks this relay still holds the
   * claim. False: the lease ran out or the message was cancelled or delivered meanwhile — do not post.
   */
  beginTimerPost(eventId: string, claim: number): Promise<boolean>;
  /**
   * Long-poll: resolves when timer messages changed since `cursor` (or after `timeoutSeconds`), with a
   * new cursor and when the next message falls due. `signal` ends the wait early.
   */
  waitForTimerEvents(
    input: { platforms: string[]; cursor?: string; timeoutSeconds: number },
    signal?: AbortSignal,
  ): Promise<{ cursor: string; nextDueAt: string | null }>;
  /** False when the message was cancelled meanwhile (its session moved on). */
  markDelivered(eventId: string, messageRef: Record<string, unknown>): Promise<boolean>;
  /** The room's DORA quick-check baseline, with every question and answer bucket. */
  getDoraSurvey(workshopId: string): Promise<DoraSurvey>;
  /** One person's answers (questions left out keep their earlier answer). */
  answerDoraSurvey(
    workshopId: string,
    input: { respondent: string; displayName?: string; answers: Record<string, string> },
  ): Promise<void>;
  /** The workshop's plan, or null when it has none yet. */
  getPlan(workshopId: string): Promise<PlanSummary | null>;
  /** Adds one work package (starting a plan if there is none) and returns the new schedule. */
  addWorkPackage(workshopId: string, workPackage: NewWorkPackage, actor: Actor): Promise<PlanSummary>;
  /** Changes one work package (`dependsOn` replaces its links) and returns the new schedule. */
  updateWorkPackage(
    workshopId: string,
    key: string,
    change: WorkPackageChange,
    actor: Actor,
  ): Promise<PlanSummary>;
  /** Removes one work package (refused while others depend on it) and returns the new schedule. */
  removeWorkPackage(workshopId: string, key: string, actor: Actor): Promise<PlanSummary>;
  /** Replaces the plan's calendar, keeping its work packages, and returns the new schedule. */
  setPlanCalendar(workshopId: string, calendar: PlanCalendar, actor: Actor): Promise<PlanSummary>;
  /** Launches a poll in the running session (a facilitator's `actor`); a retry with the key returns it again. */
  createPoll(
    workshopId: string,
    poll: NewPoll & { actor: Actor },
    idempotencyKey?: string,
  ): Promise<PollView>;
  /** The poll as `viewer` may see it; without a viewer, as the room sees it (no tallies while blind). */
  getPoll(pollId: string, viewer?: Actor): Promise<PollView>;
  castVotes(pollId: string, actor: Actor, votes: VoteInput[]): Promise<CastVotesResult>;
  revealPoll(pollId: string, actor: Actor): Promise<PollView>;
  closePoll(pollId: string, actor: Actor): Promise<PollView>;
  createLineItem(
    workshopId: string,
    item: NewLineItem & { actor: Actor },
    idempotencyKey?: string,
  ): Promise<LineItemView>;
  submitFeedback(
    workshopId: string,
    input: { sessionId: string; rating?: number; comment?: string; actor: Actor },
  ): Promise<MyFeedback>;
  /** Per session: how many rated it (the wrap-up asks for the sessions nobody rated). */
  getFeedbackSummary(workshopId: string): Promise<SessionFeedbackView[]>;
  /** Who facilitates the workshop. */
  getFacilitators(workshopId: string): Promise<{ platform: string; userId: string; displayName: string }[]>;
  /** Every session's outputs, in agenda order. */
  getOutputs(workshopId: string): Promise<OutputView[]>;
  /** Sets an output's status (a facilitator's `actor`). */
  updateOutput(outputId: string, status: OutputStatus, actor: Actor): Promise<OutputView>;
  /** The day-2 review: open assumptions and risks, and its progress. */
  getReview(workshopId: string): Promise<ReviewQueueView>;
  /** Records validate / invalidate / defer for one item (a facilitator's `actor`). */
  recordReview(itemId: string, outcome: ReviewOutcome, actor: Actor): Promise<LineItemView>;
  /** The workshop's line items (the wrap-up counts them). */
  listLineItems(workshopId: string): Promise<LineItemView[]>;
  getSwot(workshopId: string): Promise<SwotView>;
  addSwot(
    workshopId: string,
    input: { option: string; quadrant: SwotQuadrant; text: string; actor: Actor },
  ): Promise<SwotEntryView>;
  getDecisions(workshopId: string): Promise<DecisionView[]>;
  /** Records (replaces) a scorecard view's decision (a facilitator's `actor`). */
  putDecision(workshopId: string, view: string, decision: NewDecision, actor: Actor): Promise<DecisionView>;
  /** The skills matrix's gaps per skill. */
  getSkills(workshopId: string): Promise<SkillsView>;
  /** The costs' totals per option. */
  getCosts(workshopId: string): Promise<CostsView>;
  /** Creates or replaces a use case (a facilitator's `actor`). */
  putUseCase(workshopId: string, key: string, useCase: NewUseCase, actor: Actor): Promise<void>;
  getSizing(workshopId: string, key: string): Promise<SizingView>;
  /** A read-only link to the workshop's web view and report, made for a facilitator. */
  createShareLink(workshopId: string, input: { name?: string; actor: Actor }): Promise<ShareLinkView>;
}
