import type { DoraSurvey } from "./dora-survey.js";
import type { NewWorkPackage, PlanSummary } from "./plan-types.js";
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
}
