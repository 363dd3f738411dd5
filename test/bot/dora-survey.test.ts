import { afterAll, beforeAll, expect, it } from "vitest";
import { decodeDoraAnswer, encodeDoraAnswer } from "../../bot/core/dora-survey.js";
import { createBoundWorkshop } from "../helpers/app.js";
import { createTestBots } from "../helpers/bots.js";

let b: Awaited<ReturnType<typeof createTestBots>>;
beforeAll(async () => {
  b = await createTestBots();
});
afterAll(async () => {
  await b.t.close();
});

it("round-trips answer ids and refuses others", () => {
  const a = { workshopId: "w-1", key: "deploymentFrequency", bucket: "1w-1m" };
  expect(decodeDoraAnswer(encodeDoraAnswer(a))).toEqual(a);
  expect(decodeDoraAnswer("agenda:next:w:i")).toBeNull();
});

it("runs the DORA quick check from chat: a row per question, answers recorded into the room's baseline", async () => {
  const w = await createBoundWorkshop(b.t, { channels: ["C-dora"] });
  const card = await b.core.command("agenda", "poll dora", b.ctx("UFAC", "C-dora"));
  expect(card.visibility).toBe("channel");
  expect(card.text).toBe("📏 DORA quick check: how does the service you work on do today?");
  expect(card.rows?.map((r) => r.label.split(":")[0])).toEqual([
    "Deployment frequency",
    "Lead time for changes",
    "Time to restore service",
    "Change failure rate",
  ]);
  const deploy = card.rows?.[0]?.buttons ?? [];
  expect(deploy.at(-1)?.label).toBe("I don't know");
  const weekly = deploy.find((x) => x.label === "Between once per week and once per month");
  expect(weekly).toBeDefined();

  const reply = await b.core.handleAction(weekly?.actionId ?? "", b.ctx("USTAKE", "C-dora"));
  expect(reply).toMatchObject({
    visibility: "ephemeral",
    text: "Deployment frequency: Between once per week and once per month — change it any time.",
  });
  // A changed answer replaces the first.
  const daily = deploy.find((x) => x.label === "Between once per day and once per week");
  await b.core.handleAction(daily?.actionId ?? "", b.ctx("USTAKE", "C-dora"));
  const baseline = await b.t.request("GET", `/v1/workshops/${w.id}/dora-survey`);
  expect(baseline.json.respondents).toBe(1);
  expect(baseline.json.questions[0].median).toMatchObject({
    label: "Between once per day and once per week",
  });
});
