import { describe, expect, it } from "vitest";
import { explainStart } from "../../api/domain/plan/why.js";
import { analysed, plan, wp } from "../helpers/plan.js";

describe("why a work package starts when it does", () => {
  const example = () =>
    analysed(
      plan(
        [
          wp("design", 3),
          wp("docs", 2, [{ key: "design", type: "FS", lagDays: 1 }]),
          wp("build", 5, ["design"]),
          wp("review", 1, ["build", { key: "docs", type: "SS", lagDays: 1 }]),
        ],
        { holidays: ["2025-03-07"] },
      ),
    );

  it("walks the driving links back to the plan's start, naming the days the calendar skipped", () => {
    expect(explainStart(example(), "docs")).toEqual({
      key: "docs",
      earlyStart: "2025-03-10",
      chain: [
        {
          key: "design",
          title: "Design",
          durationDays: 3,
          earlyStart: "2025-03-03",
          earlyFinish: "2025-03-05",
          drivenBy: null,
          explanation: "design starts on working day 0, the plan's start, Mon 2025-03-03.",
          nonWorkingDays: [],
        },
        {
          key: "docs",
          title: "Docs",
          durationDays: 2,
          earlyStart: "2025-03-10",
          earlyFinish: "2025-03-11",
          drivenBy: { key: "design", type: "FS", lagDays: 1 },
          explanation:
            "FS+1 after design: design finishes on Wed 2025-03-05; with a lag of 1 working day, docs starts on Mon 2025-03-10, skipping 3 non-working days.",
          nonWorkingDays: [
            { date: "2025-03-07", reason: "holiday" },
            { date: "2025-03-08", reason: "notAWorkday" },
            { date: "2025-03-09", reason: "notAWorkday" },
          ],
        },
      ],
    });
  });

  it("follows the link that sets the date when several could", () => {
    // build ends Thu 13 (review FS: Fri 14); docs starts Mon 10 (review SS+1: Tue 11).
    const why = explainStart(example(), "review");
    expect(why?.chain.map((s) => [s.key, s.drivenBy])).toEqual([
      ["design", null],
      ["build", { key: "design", type: "FS", lagDays: 0 }],
      ["review", { key: "build", type: "FS", lagDays: 0 }],
    ]);
    expect(why?.earlyStart).toBe("2025-03-14");
  });

  it("explains a finish-to-finish link through the finish it constrains", () => {
    const why = explainStart(
      analysed(plan([wp("a", 3), wp("b", 2, [{ key: "a", type: "FF", lagDays: 2 }])])),
      "b",
    );
    expect(why?.chain.at(-1)?.explanation).toBe(
      "FF+2 after a: a finishes on Wed 2025-03-05; with a lag of 2 working days, b finishes on Fri 2025-03-07, so it starts 2 working days earlier, on Thu 2025-03-06.",
    );
  });

  it("says when the plan's start, not a link, holds a package back", () => {
    const why = explainStart(
      analysed(
        plan([wp("a", 3), wp("b", 2, [{ key: "a", type: "SS", lagDays: -2 }])], { start: "2025-03-01" }),
      ),
      "b",
    );
    expect(why?.chain).toEqual([
      expect.objectContaining({
        key: "b",
        drivenBy: null,
        explanation:
          "b starts on working day 0, the first working day on or after the plan's start Sat 2025-03-01: Mon 2025-03-03; its links would allow an earlier start, but nothing starts before the plan.",
        nonWorkingDays: [
          { date: "2025-03-01", reason: "notAWorkday" },
          { date: "2025-03-02", reason: "notAWorkday" },
        ],
      }),
    ]);
  });

  it("answers null for an unknown key", () => {
    expect(explainStart(example(), "nope")).toBeNull();
  });
});
