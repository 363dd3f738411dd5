import { describe, expect, it } from "vitest";
import {
  localDate,
  monthsOverlapping,
  periodsOf,
  startOfLocalDay,
  type Weekday,
  weekOf,
  weeksOverlapping,
} from "../../api/domain/dora/calendar.js";

const at = (iso: string) => new Date(iso);

describe("localDate", () => {
  it.each([
    ["UTC", "2025-03-30T23:59:59.999Z", "UTC", "2025-03-30"],
    [
      "Berlin just after local midnight, still the day before in UTC",
      "2025-03-23T23:30:00Z",
      "Europe/Berlin",
      "2025-03-24",
    ],
    ["Berlin in summer time", "2025-03-30T22:30:00Z", "Europe/Berlin", "2025-03-31"],
    ["New York in the evening is the day before", "2025-03-10T03:00:00Z", "America/New_York", "2025-03-09"],
    ["Kolkata's half-hour offset", "2025-03-09T18:29:59Z", "Asia/Kolkata", "2025-03-09"],
    ["Kolkata's half-hour offset, a second later", "2025-03-09T18:30:00Z", "Asia/Kolkata", "2025-03-10"],
  ])("%s", (_name, instant, zone, date) => {
    expect(localDate(at(instant), zone)).toBe(date);
  });
});

describe("startOfLocalDay", () => {
  it.each([
    ["Berlin before the change", "2025-03-30", "Europe/Berlin", "2025-03-29T23:00:00.000Z"],
    ["Berlin after the change", "2025-03-31", "Europe/Berlin", "2025-03-30T22:00:00.000Z"],
    // Santiago skips midnight when clocks go forward: the day starts at 01:00.
    ["a day whose midnight is skipped", "2024-09-08", "America/Santiago", "2024-09-08T04:00:00.000Z"],
  ])("%s", (_name, date, zone, instant) => {
    expect(startOfLocalDay(date, zone).toISOString()).toBe(instant);
  });
});

describe("weeks and months overlapping a window", () => {
  it.each<[string, string, Weekday, string]>([
    ["a Monday", "2025-03-03", "monday", "2025-03-03"],
    ["a Sunday, weeks from Monday", "2025-03-09", "monday", "2025-03-03"],
    ["a Sunday, weeks from Sunday", "2025-03-09", "sunday", "2025-03-09"],
    ["a Wednesday, weeks from Saturday", "2025-03-05", "saturday", "2025-03-01"],
    ["across a year end", "2025-01-01", "monday", "2024-12-30"],
  ])("the week of %s starts on %s", (_name, date, weekStart, first) => {
    expect(weekOf(date, weekStart)).toBe(first);
  });

  it("counts partial weeks at the edges, and a window ending at midnight stops the day before", () => {
    // Wednesday 5 March to Monday 17 March 00:00: weeks of 3 and 10 March.
    expect(weeksOverlapping(at("2025-03-05T00:00:00Z"), at("2025-03-17T00:00:00Z"), "UTC", "monday")).toEqual(
      ["2025-03-03", "2025-03-10"],
    );
    // One millisecond more reaches into the week of 17 March.
    expect(
      weeksOverlapping(at("2025-03-05T00:00:00Z"), at("2025-03-17T00:00:00.001Z"), "UTC", "monday"),
    ).toHaveLength(3);
  });

  it("reads the window's dates in the time zone", () => {
    // Local midnight of 1 April in New York (EDT, UTC−4) is 04:00 UTC: there the window ends on 31 March.
    expect(
      monthsOverlapping(at("2025-02-01T05:00:00Z"), at("2025-04-01T04:00:00Z"), "America/New_York"),
    ).toEqual(["2025-02", "2025-03"]);
    expect(monthsOverlapping(at("2025-02-01T05:00:00Z"), at("2025-04-01T04:00:00Z"), "UTC")).toEqual([
      "2025-02",
      "2025-03",
      "2025-04",
    ]);
  });
});

describe("periodsOf", () => {
  it("is the window itself without an interval", () => {
    const from = at("2025-03-05T12:00:00Z");
    const to = at("2025-03-20T00:00:00Z");
    expect(periodsOf(from, to, "UTC", null, "monday")).toEqual([{ from, to }]);
  });

  it("cuts at local midnight of each week start, partial at the edges", () => {
    const periods = periodsOf(
      at("2025-03-26T12:00:00Z"),
      at("2025-04-02T12:00:00Z"),
      "Europe/London",
      "week",
      "monday",
    );
    expect(periods.map((p) => [p.from.toISOString(), p.to.toISOString()])).toEqual([
      ["2025-03-26T12:00:00.000Z", "2025-03-30T23:00:00.000Z"],
      ["2025-03-30T23:00:00.000Z", "2025-04-02T12:00:00.000Z"],
    ]);
  });

  it("cuts at the first of each month in the zone", () => {
    const periods = periodsOf(
      at("2024-12-31T23:00:00Z"),
      at("2025-03-31T22:00:00Z"),
      "Europe/Berlin",
      "month",
      "monday",
    );
    expect(periods.map((p) => p.from.toISOString())).toEqual([
      "2024-12-31T23:00:00.000Z",
      "2025-01-31T23:00:00.000Z",
      "2025-02-28T23:00:00.000Z",
    ]);
  });
});
