import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeDoraAnswer, encodeDoraAnswer } from "../../bot/core/dora-survey.js";
import { createBoundWorkshop } from "../helpers/app.js";
import { createTestBots } from "../helpers/bots.js";
import { TRANSPORTS } from "../helpers/transports.js";

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

describe.each(TRANSPORTS)("the DORA results card on $name", ({ start }) => {
  it("shows each key's band in a short card after the room answered", async () => {
    const d = await start();
    try {
      await d.command("fran", "/agenda start demo");
      await d.command("fran", "/agenda poll dora");
      // The card is the command's answer: in the terminal only its typer sees it, so fran answers.
      await d.click("fran", {
        message: "DORA quick check",
        label: "Between once per week and once per month",
      });
      await d.click("fran", { message: "DORA quick check", label: "Less than one hour" });
      expect(await d.command("fran", "/agenda poll dora results")).toContain(
        "DORA quick check: the room's answers (1 person)",
      );
      // The card's own button shows the same to whoever presses it.
      expect(await d.click("fran", { message: "DORA quick check: how", label: "See the results" })).toContain(
        "the room's answers (1 person)",
      );
    } finally {
      await d.close();
    }
  });
});

it("gives the band per key, says where the room disagrees, and leaves out the buckets", async () => {
  const w = await createBoundWorkshop(b.t, { channels: ["C-dora-results"] });
  const card = await b.core.command("agenda", "poll dora", b.ctx("UFAC", "C-dora-results"));
  const deploy = card.rows?.[0]?.buttons ?? [];
  const click = (who: string, label: string) =>
    b.core.handleAction(deploy.find((x) => x.label === label)?.actionId ?? "", b.ctx(who, "C-dora-results"));
  await click("U1", "On demand (multiple deploys per day)");
  await click("U2", "Between once per month and once every six months");
  await click("U3", "I don't know");
  const results = await b.core.command("agenda", "poll dora results", b.ctx("UFAC", "C-dora-results"));
  expect(results.visibility).toBe("channel");
  expect(results.text).toBe("📏 DORA quick check: the room's answers (3 people)");
  const grid = results.sections?.[0]?.grid;
  expect(grid?.columns).toEqual(["band", "answered"]);
  expect(grid?.rows.map((r) => [r.label, ...r.cells, r.note ?? ""])).toEqual([
    [
      "Deployment frequency",
      "Between once per month and once every six months",
      "2",
      "the room disagrees: talk it through",
    ],
    ["Lead time for changes", "no answer yet", "0", ""],
    ["Time to restore service", "no answer yet", "0", ""],
    ["Change failure rate", "no answer yet", "0", ""],
  ]);
  expect(JSON.stringify(results)).not.toContain("Between once per day and once per week");
  expect(w.id).toBeTruthy();
});
