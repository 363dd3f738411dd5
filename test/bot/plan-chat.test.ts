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
    text: 'The plan cannot be scheduled: dependsOn.0: unknown work package "nothing-yet"',
  });
  expect((await b.core.command("plan", 'add a "A" 1d', ctx)).tone).toBeUndefined();
  const self = await b.core.command("plan", 'add c "C" 1d after a, c', ctx);
  expect(self).toMatchObject({ tone: "warning", text: "c can't come after itself." });
  const syntax = await b.core.command("plan", "add x Title 3d", ctx);
  expect(syntax).toMatchObject({ tone: "warning", text: 'Put the title in quotes: /plan add x "Title" 3d' });
});
