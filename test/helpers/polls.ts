import { createBoundWorkshop, SLACK_FACILITATOR, type TestApp } from "./app.js";

export type Person = { platform: "slack"; userId: string; displayName: string };

export const person = (userId: string, displayName = userId): Person => ({
  platform: "slack",
  userId,
  displayName,
});

/** A bound workshop (see createBoundWorkshop) whose first session is running. */
export async function runningWorkshop(
  t: TestApp,
  opts: { items?: number; channels?: string[]; outputs?: string[] } = {},
) {
  const w = await createBoundWorkshop(t, opts);
  const started = await t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
    token: w.bot,
    body: { action: "start", actor: SLACK_FACILITATOR },
  });
  if (started.status !== 200) throw new Error(`start: ${started.text}`);
  return { ...w, sessionId: started.json.agenda.currentItemId as string };
}

/** Launches a poll as the bot acting for the facilitator. */
export async function launchPoll(
  t: TestApp,
  w: { id: string; bot: string },
  body: Record<string, unknown>,
  headers?: Record<string, string>,
) {
  return t.request("POST", `/v1/workshops/${w.id}/polls`, {
    token: w.bot,
    body: { actor: SLACK_FACILITATOR, ...body },
    ...(headers ? { headers } : {}),
  });
}

/** Votes as the bot acting for `who`. */
export async function castVotes(
  t: TestApp,
  bot: string,
  pollId: string,
  who: Person,
  votes: Record<string, unknown>[],
) {
  return t.request("PUT", `/v1/polls/${pollId}/votes`, { token: bot, body: { actor: who, votes } });
}
