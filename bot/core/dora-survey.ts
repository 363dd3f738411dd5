import type { BatonApi } from "./api.js";
import type { Button, ChatContext, Reply } from "./types.js";

/** The parts of `GET /v1/workshops/{id}/dora-survey` the chat reads (bot/core may not import the API's types). */
export interface DoraSurvey {
  workshopId: string;
  respondents: number;
  unknownAnswer: { id: string; label: string };
  questions: {
    key: string;
    title: string;
    question: string;
    /** How many answered other than "I don't know". */
    answered: number;
    /** The room's middle answer, best to worst (the worse one on a tie); null before any answer. */
    median: { id: string; label: string } | null;
    /** Answers two or more buckets apart. */
    disagreement: boolean;
    distribution: { id: string; label: string; count: number }[];
  }[];
}

/** The id part of the card's "See the results" button: `dora:<workshopId>:results:room`. */
const RESULTS = { key: "results", bucket: "room" } as const;

/**
 * The room's answers as a short card: per key, the band the room's middle answer falls in, how many
 * answered, and whether they disagree — rather than every bucket's count.
 */
export function doraResultsCard(survey: DoraSurvey): Reply {
  const people = survey.respondents === 1 ? "1 person" : `${survey.respondents} people`;
  return {
    visibility: "channel",
    text: `📏 DORA quick check: the room's answers (${people})`,
    sections: [
      {
        grid: {
          columns: ["band", "answered"],
          rows: survey.questions.map((q) => ({
            label: q.title,
            cells: [q.median?.label ?? "no answer yet", String(q.answered)],
            ...(q.disagreement ? { note: "the room disagrees: talk it through" } : {}),
          })),
        },
        text: 'The band is the middle answer (the worse of two on a tie); "I don\'t know" is not counted. The workshop report sets it beside the measured figures.',
      },
    ],
  };
}

export interface DoraAnswer {
  workshopId: string;
  key: string;
  bucket: string;
}

export function encodeDoraAnswer(a: DoraAnswer): string {
  return ["dora", a.workshopId, a.key, a.bucket].join(":");
}

/** Whether an answer id is the card's "See the results" button. */
export function isResultsButton(a: DoraAnswer): boolean {
  return a.key === RESULTS.key && a.bucket === RESULTS.bucket;
}

export function decodeDoraAnswer(id: string): DoraAnswer | null {
  const [prefix, workshopId, key, bucket, ...rest] = id.split(":");
  if (prefix !== "dora" || !workshopId || !key || !bucket || rest.length) return null;
  return { workshopId, key, bucket };
}

/**
 * `/agenda poll dora`: the DORA quick check as one card for the room, a row of answers per question
 * (best first, and "I don't know"). Each click records that person's answer to that question; the
 * API aggregates the room's answers into the survey baseline shown beside measured metrics.
 */
export function doraSurveyCard(survey: DoraSurvey): Reply {
  return {
    visibility: "channel",
    text: "📏 DORA quick check: how does the service you work on do today?",
    sections: [
      {
        text:
          "Answer for the primary application or service you work on. Change an answer any time; " +
          `${survey.respondents} ${survey.respondents === 1 ? "person has" : "people have"} answered so far.`,
      },
    ],
    rows: survey.questions.map((q) => ({
      label: `${q.title}: ${q.question}`,
      buttons: [...q.distribution, survey.unknownAnswer].map(
        (b): Button => ({
          label: b.label,
          actionId: encodeDoraAnswer({ workshopId: survey.workshopId, key: q.key, bucket: b.id }),
        }),
      ),
    })),
    buttons: [
      {
        label: "See the results",
        actionId: encodeDoraAnswer({ workshopId: survey.workshopId, ...RESULTS }),
      },
    ],
  };
}

export function createDoraSurvey(deps: { api: BatonApi }) {
  return {
    async launch(workshopId: string): Promise<Reply> {
      return doraSurveyCard(await deps.api.getDoraSurvey(workshopId));
    },
    /** `/agenda poll dora results`: the room's answers, for the channel. */
    async results(workshopId: string): Promise<Reply> {
      return doraResultsCard(await deps.api.getDoraSurvey(workshopId));
    },
    async answer(a: DoraAnswer, ctx: ChatContext): Promise<Reply> {
      // "See the results" on the card: shown to whoever pressed it.
      if (isResultsButton(a))
        return { ...doraResultsCard(await deps.api.getDoraSurvey(a.workshopId)), visibility: "ephemeral" };
      await deps.api.answerDoraSurvey(a.workshopId, {
        respondent: `${ctx.actor.platform}:${ctx.actor.userId}`,
        ...(ctx.actor.displayName ? { displayName: ctx.actor.displayName } : {}),
        answers: { [a.key]: a.bucket },
      });
      const survey = await deps.api.getDoraSurvey(a.workshopId);
      const question = survey.questions.find((q) => q.key === a.key);
      const label =
        a.bucket === survey.unknownAnswer.id
          ? survey.unknownAnswer.label
          : (question?.distribution.find((b) => b.id === a.bucket)?.label ?? a.bucket);
      return { visibility: "ephemeral", text: `${question?.title ?? a.key}: ${label} — change it any time.` };
    },
  };
}
