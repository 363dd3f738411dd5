import { afterAll, beforeAll, expect, it } from "vitest";
import { createBoundWorkshop } from "../helpers/app.js";
import { createTestBots } from "../helpers/bots.js";

let b: Awaited<ReturnType<typeof createTestBots>>;
beforeAll(async () => {
  b = await createTestBots();
  b.t.clock.set("2026-03-02T08:00:00Z");
});
afterAll(async () => {
  await b.t.close();
});

it("builds the plan from the room with /plan add and shows its critical path", async () => {
  await createBoundWorkshop(b.t, { channels: ["C-plan"] });
  const ctx = b.ctx("UFAC", "C-plan");
  const empty = await b.core.command("plan", "show", ctx);
  expect(empty).toMatchObject({ tone: "warning", text: expect.stringContaining("no plan yet") });

  const design = await b.core.command("plan", 'add design "Design" 3d', ctx);
  expect(design.visibility).toBe("channel");
  expect(design.text).toBe(
    "Fran Facilitator added design (2026-03-02 → 2026-03-04). Plan: 2026-03-02 → 2026-03-04",
  );
  await b.core.command("plan", 'add docs "Docs" 2d after design+1', ctx);
  await b.core.command("plan", 'add build "Build" 5d after design', ctx);

  const show = await b.core.command("plan", "/plan show", ctx);
  expect(show.text).toBe("Plan: 2026-03-02 → 2026-03-11");
  expect(show.sections?.[0]?.text?.split("\n")).toEqual([
    "Critical path: design → build",
    "• design — Design: 2026-03-02 → 2026-03-04 (3d), critical",
    "• build — Build: 2026-03-05 → 2026-03-11 (5d), critical",
    "• docs — Docs: 2026-03-06 → 2026-03-09 (2d), float 2 working days",
  ]);
});

it("refuses unknown and self links with the API's reason, and explains bad syntax", async () => {
  await createBoundWorkshop(b.t, { channels: ["C-cycle"] });
  const ctx = b.ctx("UFAC", "C-cycle");
  const unknown = await b.core.command("plan", 'add a "A" 1d after nothing-yet', ctx);
  expect(unknown).toMatchObject({
    tone: "warning",
    text: 'Can\'t add a: depends on: no work package called "nothing-yet".',
  });
  expect((await b.core.command("plan", 'add a "A" 1d', ctx)).tone).toBeUndefined();
  const self = await b.core.command("plan", 'add c "C" 1d after a, c', ctx);
  expect(self).toMatchObject({ tone: "warning", text: "c can't come after itself." });
  const syntax = await b.core.command("plan", "add x Title 3d", ctx);
  expect(syntax).toMatchObject({ tone: "warning", text: 'Put the title in quotes: /plan add x "Title" 3d' });
});

it("edits, removes and calendars the plan from chat, in words a person uses", async () => {
  await createBoundWorkshop(b.t, { channels: ["C-edit"] });
  const ctx = b.ctx("UFAC", "C-edit");
  await b.core.command("plan", 'add design "Design" 3d', ctx);
  await b.core.command("plan", 'add build "Build it" 5d after design', ctx);

  const edited = await b.core.command("plan", 'edit "build it" duration: 2d; owner: platform team', ctx);
  expect(edited.text).toBe(
    "Fran Facilitator changed build (now 2026-03-05 → 2026-03-06). Plan: 2026-03-02 → 2026-03-06",
  );
  const unknown = await b.core.command("plan", "edit build after: nothing-yet", ctx);
  expect(unknown).toMatchObject({
    tone: "warning",
    text: 'Can\'t change build: depends on: no work package called "nothing-yet".',
  });
  expect(unknown.text).not.toMatch(/dependsOn/);
  const missing = await b.core.command("plan", "remove deploy", ctx);
  expect(missing).toMatchObject({
    tone: "warning",
    text: 'No work package called "deploy". The keys are design, build.',
  });
  const needed = await b.core.command("plan", "remove design", ctx);
  expect(needed).toMatchObject({ tone: "warning", text: 'Can\'t remove design: "build" depends on it.' });

  // 25 December is not a working day once the country's public holidays are skipped.
  await b.core.command("plan", "calendar start 2026-12-21", ctx);
  const before = await b.core.command("plan", "show", ctx);
  expect(before.sections?.[0]?.text).toContain("• build — Build it: 2026-12-24 → 2026-12-25 (2d)");
  const gb = await b.core.command("plan", "calendar country GB", ctx);
  expect(gb.sections?.[0]?.text).toContain("Public holidays: GB's are skipped.");
  expect(gb.sections?.[1]?.text).toContain("• build — Build it: 2026-12-24 → 2026-12-29 (2d)");
  const shown = await b.core.command("plan", "calendar", ctx);
  expect(shown.sections?.[0]?.text).toContain("roadmap?format=ics");
  const bad = await b.core.command("plan", "calendar country XX", ctx);
  expect(bad).toMatchObject({
    tone: "warning",
    text: expect.stringMatching(/^Can't change the calendar: country: /),
  });

  const removed = await b.core.command("plan", "remove build", ctx);
  expect(removed.text).toMatch(/^Fran Facilitator removed build\. Plan: /);
  const workshop = await b.api.getBinding(ctx.channel);
  expect((await b.api.getPlan(workshop?.id ?? ""))?.workPackages.map((w) => w.key)).toEqual(["design"]);
});
