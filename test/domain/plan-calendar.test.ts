import { describe, expect, it } from "vitest";
import { isoWeekday, toEpochDay, WorkingCalendar } from "../../api/domain/plan/calendar.js";
import { isKnownHolidayRegion, publicHolidays } from "../../api/domain/plan/public-holidays.js";

describe("a working-day calendar", () => {
  const calendar = () => new WorkingCalendar({ start: "2025-03-01", holidays: ["2025-03-07", "2025-02-26"] });

  it.each([
    [0, "2025-03-03"],
    [1, "2025-03-04"],
    [4, "2025-03-10"], // Friday 7 is a holiday
    [-1, "2025-02-28"],
    [-2, "2025-02-27"],
    [-3, "2025-02-25"], // Wednesday 26 February is a holiday
  ])("numbers working day %i as %s", (index, date) => {
    expect(calendar().dateOf(index)).toBe(date);
  });

  it.each([
    ["2025-03-03", 0],
    ["2025-03-07", 3], // a holiday: the Thursday before
    ["2025-03-09", 3], // a Sunday after the holiday
    ["2025-03-02", -1], // between the start and day 0: the Friday before the start
    ["2025-02-26", -3], // a holiday: the Tuesday before
    ["2025-02-20", -6],
  ])("finds the last working day on or before %s: day %i", (date, index) => {
    expect(calendar().indexOnOrBefore(toEpochDay(date))).toBe(index);
  });

  it("says why the days between two dates are not working days", () => {
    const c = new WorkingCalendar({ start: "2025-04-14", holidays: ["2025-04-17"], country: "GB-ENG" });
    expect(c.nonWorkingDaysBetween(toEpochDay("2025-04-16"), toEpochDay("2025-04-22"))).toEqual([
      { date: "2025-04-17", reason: "holiday" },
      { date: "2025-04-18", reason: "publicHoliday", name: "Good Friday" },
      { date: "2025-04-19", reason: "notAWorkday" },
      { date: "2025-04-20", reason: "notAWorkday" },
      { date: "2025-04-21", reason: "publicHoliday", name: "Easter Monday" },
    ]);
  });

  it("stops at the horizon, 50 years either side of the start", () => {
    const c = new WorkingCalendar({ start: "2025-03-03", workdays: [1] });
    expect(c.epochOf(2700)).toBeUndefined(); // 2,700 Mondays is nearly 52 years
    expect(c.epochOf(2500)).toBeDefined();
    expect(c.covers(-2500, 2500)).toBe(true);
    expect(c.covers(-2700, 0)).toBe(false);
  });

  it.each(["2025-02-29", "2025-13-01", "2025-3-1", "yesterday"])("refuses the date %s", (date) => {
    expect(() => toEpochDay(date)).toThrow(RangeError);
  });

  it.each([
    ["1970-01-01", 4],
    ["2025-03-03", 1],
    ["2025-03-09", 7],
    ["1969-12-28", 7],
  ])("knows %s is ISO weekday %i", (date, weekday) => {
    expect(isoWeekday(toEpochDay(date))).toBe(weekday);
  });
});

describe("public holidays", () => {
  it.each([
    ["GB", true],
    ["DE-BY", true],
    ["US-CA", true],
    ["XX", false],
    ["DE-ZZ", false],
    ["gb", false],
  ])("knows whether %s is a region: %s", (region, known) => {
    expect(isKnownHolidayRegion(region)).toBe(known);
  });

  it("keeps public holidays only, with substitute days", () => {
    const days = publicHolidays("GB-ENG", 2027).map((h) => h.date);
    expect(days).toContain("2027-12-27"); // Christmas Day falls on a Saturday
    expect(publicHolidays("GB-ENG", 2025).map((h) => h.name)).not.toContain("Mother's Day");
  });
});
