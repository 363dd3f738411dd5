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
    distribution: { id: string; label: string; count: number }[];
  }[];
}

export interface DoraAnswer {
  workshopId: string;
  key: string;
  bucket: string;
}

export function encodeDoraAnswer(a: DoraAnswer): string {
  return ["dora", a.workshopId, a.key, a.bucket].join(":");
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
  };
}

export function createDoraSurvey(deps: { api: BatonApi }) {
  return {
    async launch(workshopId: string): Promise<Reply> {
      return doraSurveyCard(await deps.api.getDoraSurvey(workshopId));
    },
    async answer(a: DoraAnswer, ctx: ChatContext): Promise<Reply> {
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
