import { hc } from "hono/client";
import type { App } from "../api/app.js";
import { KeyedBatcher } from "../api/lib/batcher.js";
import { ApiError, type BatonApi } from "./core/api.js";
import type { DoraSurvey } from "./core/dora-survey.js";
import type {
  CostsView,
  DecisionView,
  OutputView,
  ReviewQueueView,
  SessionFeedbackView,
  ShareLinkView,
  SizingView,
  SkillsView,
  SwotEntryView,
  SwotView,
} from "./core/outputs-types.js";
import type { PlanSummary } from "./core/plan-types.js";
import type { CastVotesResult, LineItemView, MyFeedback, PollView, VoteInput } from "./core/poll-types.js";
import type { Actor, AgendaView, Channel, TimerEvent, WorkshopSummary } from "./core/types.js";

export interface ApiClientOptions {
  token: string;
  /** Over HTTP: the API's base URL. */
  baseUrl?: string;
  /** In process: the API app's fetch, so no socket is involved. */
  fetch?: (request: Request) => Response | Promise<Response>;
}

const encoder = new TextEncoder();

/**
 * In process, a JSON body gets its Content-Length as over HTTP: without one, the API's body limit
 * has to read the body through a counting stream and rebuild the request (measured on the vote path).
 */
function withLength(init?: RequestInit): RequestInit | undefined {
  if (typeof init?.body !== "string") return init;
  const headers = new Headers(init.headers);
  headers.set("content-length", String(encoder.encode(init.body).byteLength));
  return { ...init, headers };
}

/** The API's error envelope as an ApiError (call when `res.ok` is false). */
async function failure(res: Response): Promise<ApiError> {
  let code = "INTERNAL";
  let message = `The Baton API answered ${res.status}.`;
  let details: { path: string; message: string }[] = [];
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; details?: { path: string; message: string }[] };
    };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
    details = Array.isArray(body.error?.details) ? body.error.details : [];
  } catch {
    // not the error envelope; keep the generic message
  }
  return new ApiError(code, res.status, message, details);
}

/** A route that answers JSON or CSV answered something other than JSON. */
const notJson = () => new ApiError("INTERNAL", 502, "The Baton API answered something other than JSON.");

interface Ballot {
  actor: Actor;
  votes: VoteInput[];
}

/** The BatonApi over the typed Hono client: in-process by default, over HTTP when given a base URL. */
export function createApiClient(opts: ApiClientOptions): BatonApi {
  const inProcess = opts.fetch;
  const client = hc<App>(opts.baseUrl ?? "http://baton.internal", {
    headers: { Authorization: `Bearer ${opts.token}` },
    ...(inProcess
      ? {
          fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
            inProcess(new Request(input, withLength(init))),
        }
      : {}),
  });
  const v1 = client.v1;

  async function castOne(pollId: string, ballot: Ballot): Promise<CastVotesResult> {
    const res = await v1.polls[":pollId"].votes.$put({ param: { pollId }, json: ballot });
    if (!res.ok) throw await failure(res);
    const result: CastVotesResult = await res.json();
    return result;
  }
  /**
   * Votes on one poll go one request at a time; the clicks that arrive meanwhile go together as one
   * `POST …/ballots`. A batch the API refuses as invalid (400) is retried ballot by ballot, so each
   * person gets their own answer; any other refusal (a closed poll's 409) is everyone's.
   */
  const votes = new KeyedBatcher<Ballot, CastVotesResult>(async (pollId, ballots) => {
    if (ballots.length === 1) return Promise.allSettled([castOne(pollId, ballots[0] as Ballot)]);
    const res = await v1.polls[":pollId"].ballots.$post({ param: { pollId }, json: { ballots } });
    if (res.status === 400) {
      const outcomes: PromiseSettledResult<CastVotesResult>[] = [];
      for (const ballot of ballots) outcomes.push(...(await Promise.allSettled([castOne(pollId, ballot)])));
      return outcomes;
    }
    if (!res.ok) throw await failure(res);
    const body: { results: CastVotesResult[] } = await res.json();
    return body.results.map((value) => ({ status: "fulfilled", value }));
  });
  const channelParam = (c: Channel) => ({ platform: c.platform, channelId: c.channelId });
  const idempotency = (key?: string) => (key ? { "idempotency-key": key } : {});

  // Each body is assigned to the core's own type from the client's typed JSON, so tsc checks that
  // the API's schemas and the core's expectations agree.
  return {
    async findWorkshop(idOrName) {
      if (/^[0-9a-f-]{36}$/i.test(idOrName)) {
        const res = await v1.workshops[":id"].$get({ param: { id: idOrName } });
        if (res.status === 404) return null;
        if (!res.ok) throw await failure(res);
        const workshop: WorkshopSummary = await res.json();
        return workshop;
      }
      const res = await v1.workshops.$get({ query: { name: idOrName, limit: "1" } });
      if (!res.ok) throw await failure(res);
      const body: { workshops: WorkshopSummary[] } = await res.json();
      return body.workshops[0] ?? null;
    },
    async createWorkshop(input) {
      const res = await v1.workshops.$post({ json: input, header: {} });
      if (!res.ok) throw await failure(res);
      const workshop: WorkshopSummary = await res.json();
      return workshop;
    },
    async getBinding(channel) {
      const res = await v1.channels[":platform"][":channelId"].binding.$get({ param: channelParam(channel) });
      if (res.status === 404) return null;
      if (!res.ok) throw await failure(res);
      const binding: { workshop: WorkshopSummary } = await res.json();
      return binding.workshop;
    },
    async bindChannel(channel, workshopId, actor) {
      const res = await v1.channels[":platform"][":channelId"].binding.$put({
        param: channelParam(channel),
        json: {
          workshopId,
          actor,
          ...(channel.conversationRef ? { conversationRef: channel.conversationRef } : {}),
        },
      });
      if (!res.ok) throw await failure(res);
    },
    async getAgenda(workshopId) {
      const res = await v1.workshops[":id"].agenda.$get({ param: { id: workshopId } });
      if (!res.ok) throw await failure(res);
      const agenda: AgendaView = await res.json();
      return agenda;
    },
    async agendaAction(workshopId, input, idempotencyKey) {
      const res = await v1.workshops[":id"].agenda.actions.$post({
        param: { id: workshopId },
        json: input,
        header: idempotencyKey ? { "idempotency-key": idempotencyKey } : {},
      });
      if (!res.ok) throw await failure(res);
      const result: { message: string; agenda: AgendaView; summaryChanged: boolean } = await res.json();
      return result;
    },
    async claimTimerEvents(input) {
      const res = await v1["timer-events"].claim.$post({
        json: { ...input, platforms: input.platforms as ("slack" | "teams" | "console")[] },
      });
      if (!res.ok) throw await failure(res);
      const body: { events: TimerEvent[] } = await res.json();
      return body.events;
    },
    async claimTimerBatch(input) {
      const res = await v1["timer-events"].claim.$post({
        json: { ...input, platforms: input.platforms as ("slack" | "teams" | "console")[] },
      });
      if (!res.ok) throw await failure(res);
      const body: { events: TimerEvent[]; nextDueAt: string | null } = await res.json();
      return body;
    },
    async beginTimerPost(eventId, claim) {
      const res = await v1["timer-events"][":id"].attempt.$post({ param: { id: eventId }, json: { claim } });
      if (res.status === 409) return false;
      if (!res.ok) throw await failure(res);
      return true;
    },
    async waitForTimerEvents(input, signal) {
      const res = await v1["timer-events"].wait.$post(
        {
          json: {
            ...input,
            platforms: input.platforms as ("slack" | "teams" | "console")[],
          },
        },
        signal ? { init: { signal } } : undefined,
      );
      if (!res.ok) throw await failure(res);
      const body: { cursor: string; nextDueAt: string | null } = await res.json();
      return body;
    },
    async markDelivered(eventId, messageRef) {
      const res = await v1["timer-events"][":id"].delivered.$post({
        param: { id: eventId },
        json: { messageRefs: [messageRef] },
      });
      if (res.status === 409) return false;
      if (!res.ok) throw await failure(res);
      return true;
    },
    async getDoraSurvey(workshopId) {
      const res = await v1.workshops[":id"]["dora-survey"].$get({ param: { id: workshopId } });
      if (!res.ok) throw await failure(res);
      const survey: DoraSurvey = await res.json();
      return survey;
    },
    async answerDoraSurvey(workshopId, input) {
      const res = await v1.workshops[":id"]["dora-survey"].$post({
        param: { id: workshopId },
        json: input as Parameters<(typeof v1.workshops)[":id"]["dora-survey"]["$post"]>[0]["json"],
      });
      if (!res.ok) throw await failure(res);
    },
    async getPlan(workshopId) {
      const res = await v1.workshops[":id"].plan.$get({ param: { id: workshopId } });
      // The core asks only for workshops it found through a channel binding: a 404 means no plan yet.
      if (res.status === 404) return null;
      if (!res.ok) throw await failure(res);
      const plan: PlanSummary = await res.json();
      return plan;
    },
    async addWorkPackage(workshopId, { key, ...body }, actor) {
      const res = await v1.workshops[":id"].plan["work-packages"][":key"].$post({
        param: { id: workshopId, key },
        json: { ...body, actor },
      });
      if (!res.ok) throw await failure(res);
      const plan: PlanSummary = await res.json();
      return plan;
    },
    async updateWorkPackage(workshopId, key, change, actor) {
      const res = await v1.workshops[":id"].plan["work-packages"][":key"].$patch({
        param: { id: workshopId, key },
        json: { ...change, actor },
      });
      if (!res.ok) throw await failure(res);
      const plan: PlanSummary = await res.json();
      return plan;
    },
    async removeWorkPackage(workshopId, key, actor) {
      const res = await v1.workshops[":id"].plan["work-packages"][":key"].$delete({
        param: { id: workshopId, key },
        json: { actor },
      });
      if (!res.ok) throw await failure(res);
      const plan: PlanSummary = await res.json();
      return plan;
    },
    async setPlanCalendar(workshopId, calendar, actor) {
      // The API replaces a plan whole: the calendar changes, the work packages and deadline stay.
      const current = await v1.workshops[":id"].plan.$get({ param: { id: workshopId } });
      if (!current.ok) throw await failure(current);
      const plan = await current.json();
      const res = await v1.workshops[":id"].plan.$put({
        param: { id: workshopId },
        json: {
          calendar: {
            start: calendar.start,
            workdays: calendar.workdays,
            holidays: calendar.holidays,
            ...(calendar.country ? { country: calendar.country } : {}),
          },
          ...(plan.deadline ? { deadline: plan.deadline } : {}),
          workPackages: plan.workPackages.map((w) => ({
            key: w.key,
            title: w.title,
            durationDays: w.durationDays,
            dependsOn: w.dependsOn,
            ...(w.owner ? { owner: w.owner } : {}),
            ...(w.phase ? { phase: w.phase } : {}),
            ...(w.deadline ? { deadline: w.deadline } : {}),
          })),
          actor,
        },
      });
      if (!res.ok) throw await failure(res);
      const scheduled: PlanSummary = await res.json();
      return scheduled;
    },
    async createPoll(workshopId, poll, idempotencyKey) {
      const res = await v1.workshops[":id"].polls.$post({
        param: { id: workshopId },
        json: poll,
        header: idempotency(idempotencyKey),
      });
      if (!res.ok) throw await failure(res);
      const created: PollView = await res.json();
      return created;
    },
    async getPoll(pollId, viewer) {
      const res = await v1.polls[":pollId"].$get({
        param: { pollId },
        query: viewer ? { viewer: `${viewer.platform}:${viewer.userId}` } : {},
      });
      if (!res.ok) throw await failure(res);
      const poll: PollView = await res.json();
      return poll;
    },
    castVotes(pollId, actor, ballot) {
      return votes.submit(pollId, { actor, votes: ballot });
    },
    async revealPoll(pollId, actor) {
      const res = await v1.polls[":pollId"].reveal.$post({ param: { pollId }, json: { actor } });
      if (!res.ok) throw await failure(res);
      const poll: PollView = await res.json();
      return poll;
    },
    async closePoll(pollId, actor) {
      const res = await v1.polls[":pollId"].close.$post({ param: { pollId }, json: { actor } });
      if (!res.ok) throw await failure(res);
      const poll: PollView = await res.json();
      return poll;
    },
    async createLineItem(workshopId, item, idempotencyKey) {
      const res = await v1.workshops[":id"].items.$post({
        param: { id: workshopId },
        json: item,
        header: idempotency(idempotencyKey),
      });
      if (!res.ok) throw await failure(res);
      const created: LineItemView = await res.json();
      return created;
    },
    async submitFeedback(workshopId, input) {
      const res = await v1.workshops[":id"].feedback.$post({ param: { id: workshopId }, json: input });
      if (!res.ok) throw await failure(res);
      const mine: MyFeedback = await res.json();
      return mine;
    },
    async getFeedbackSummary(workshopId) {
      const res = await v1.workshops[":id"].feedback.$get({ param: { id: workshopId }, query: {} });
      if (!res.ok) throw await failure(res);
      const json = await res.json();
      if (typeof json === "string" || json instanceof Response) throw notJson();
      const body: { sessions: SessionFeedbackView[] } = json;
      return body.sessions;
    },
    async getFacilitators(workshopId) {
      const res = await v1.workshops[":id"].facilitators.$get({ param: { id: workshopId } });
      if (!res.ok) throw await failure(res);
      const body: { facilitators: { platform: string; userId: string; displayName: string }[] } =
        await res.json();
      return body.facilitators;
    },
    async getOutputs(workshopId) {
      const res = await v1.workshops[":id"].outputs.$get({ param: { id: workshopId } });
      if (!res.ok) throw await failure(res);
      const body: { outputs: OutputView[] } = await res.json();
      return body.outputs;
    },
    async updateOutput(outputId, status, actor) {
      const res = await v1.outputs[":outputId"].$patch({ param: { outputId }, json: { status, actor } });
      if (!res.ok) throw await failure(res);
      const output: OutputView = await res.json();
      return output;
    },
    async getReview(workshopId) {
      const res = await v1.workshops[":id"].review.$get({ param: { id: workshopId } });
      if (!res.ok) throw await failure(res);
      const queue: ReviewQueueView = await res.json();
      return queue;
    },
    async recordReview(itemId, outcome, actor) {
      const res = await v1.items[":itemId"].review.$post({ param: { itemId }, json: { outcome, actor } });
      if (!res.ok) throw await failure(res);
      const item: LineItemView = await res.json();
      return item;
    },
    async listLineItems(workshopId) {
      const res = await v1.workshops[":id"].items.$get({ param: { id: workshopId }, query: {} });
      if (!res.ok) throw await failure(res);
      const json = await res.json();
      if (typeof json === "string" || json instanceof Response) throw notJson();
      const body: { items: LineItemView[] } = json;
      return body.items;
    },
    async getSwot(workshopId) {
      const res = await v1.workshops[":id"].swot.$get({ param: { id: workshopId } });
      if (!res.ok) throw await failure(res);
      const swot: SwotView = await res.json();
      return swot;
    },
    async addSwot(workshopId, input) {
      const res = await v1.workshops[":id"].swot.$post({ param: { id: workshopId }, json: input });
      if (!res.ok) throw await failure(res);
      const entry: SwotEntryView = await res.json();
      return entry;
    },
    async getDecisions(workshopId) {
      const res = await v1.workshops[":id"].decisions.$get({ param: { id: workshopId } });
      if (!res.ok) throw await failure(res);
      const body: { decisions: DecisionView[] } = await res.json();
      return body.decisions;
    },
    async putDecision(workshopId, view, decision, actor) {
      const res = await v1.workshops[":id"].decisions[":view"].$put({
        param: { id: workshopId, view },
        json: { ...decision, actor },
      });
      if (!res.ok) throw await failure(res);
      const recorded: DecisionView = await res.json();
      return recorded;
    },
    async getSkills(workshopId) {
      const res = await v1.workshops[":id"].skills.$get({ param: { id: workshopId } });
      if (!res.ok) throw await failure(res);
      const skills: SkillsView = await res.json();
      return skills;
    },
    async getCosts(workshopId) {
      const res = await v1.workshops[":id"].costs.$get({ param: { id: workshopId } });
      if (!res.ok) throw await failure(res);
      const costs: CostsView = await res.json();
      return costs;
    },
    async putUseCase(workshopId, key, useCase, actor) {
      const res = await v1.workshops[":id"]["use-cases"][":key"].$put({
        param: { id: workshopId, key },
        json: { ...useCase, actor },
      });
      if (!res.ok) throw await failure(res);
    },
    async getSizing(workshopId, key) {
      const res = await v1.workshops[":id"]["use-cases"][":key"].sizing.$get({
        param: { id: workshopId, key },
        query: {},
      });
      if (!res.ok) throw await failure(res);
      const sizing: SizingView = await res.json();
      return sizing;
    },
    async createShareLink(workshopId, input) {
      const res = await v1.workshops[":id"]["share-links"].$post({ param: { id: workshopId }, json: input });
      if (!res.ok) throw await failure(res);
      const link: ShareLinkView = await res.json();
      return link;
    },
  };
}
