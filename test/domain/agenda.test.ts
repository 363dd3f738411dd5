import { describe, expect, it } from "vitest";
import {
  type AgendaItemInput,
  checkAgenda,
  planAgenda,
  templateAgenda,
} from "../../api/domain/agenda/agenda.js";
import { TEMPLATES } from "../../api/domain/templates/index.js";
import { addCalendarDays, canonicalTimeZone, zonedToInstant } from "../../api/domain/time/zoned.js";

const item = (day: number, start: string, end: string, title = `${start}`): AgendaItemInput => ({
  day,
  start,
  end,
  kind: "session",
  title,
});

describe("zonedToInstant", () => {
  it.each([
    ["UTC, no offset", "2025-01-31", "23:59", "UTC", "2025-01-31T23:59:00.000Z"],
    ["London in winter", "2025-03-29", "09:30", "Europe/London", "2025-03-29T09:30:00.000Z"],
    ["London the day clocks go forward", "2025-03-30", "09:30", "Europe/London", "2025-03-30T08:30:00.000Z"],
    ["London the day clocks go back", "2025-10-26", "09:30", "Europe/London", "2025-10-26T09:30:00.000Z"],
    [
      "New York the day clocks go back",
      "2025-11-02",
      "09:30",
      "America/New_York",
      "2025-11-02T14:30:00.000Z",
    ],
    [
      "a skipped time moves forward by the gap",
      "2025-03-30",
      "01:30",
      "Europe/London",
      "2025-03-30T01:30:00.000Z",
    ],
    [
      "a repeated time is the earlier instant (London)",
      "2025-10-26",
      "01:30",
      "Europe/London",
      "2025-10-26T00:30:00.000Z",
    ],
    [
      "a repeated time is the earlier instant (New York)",
      "2025-11-02",
      "01:30",
      "America/New_York",
      "2025-11-02T05:30:00.000Z",
    ],
    ["a half-hour zone", "2025-06-01", "09:30", "Asia/Kolkata", "2025-06-01T04:00:00.000Z"],
    [
      "Lord Howe's 30-minute DST gap",
      "2025-10-05",
      "02:15",
      "Australia/Lord_Howe",
      "2025-10-04T15:45:00.000Z",
    ],
  ])("%s", (_name, date, time, tz, expected) => {
    const [h, m] = time.split(":").map(Number);
    expect(zonedToInstant(date, (h ?? 0) * 60 + (m ?? 0), tz).toISOString()).toBe(expected);
  });
});

describe("canonicalTimeZone", () => {
  it.each([
    ["Europe/London", "Europe/London"],
    ["utc", "UTC"],
    ["Mars/Olympus", null],
    ["+01:00", null],
    ["", null],
  ])("%s → %s", (input, expected) => {
    expect(canonicalTimeZone(input)).toBe(expected);
  });
});

it("adds calendar days across month and year ends", () => {
  expect(addCalendarDays("2025-12-31", 1)).toBe("2026-01-01");
  expect(addCalendarDays("2024-02-28", 1)).toBe("2024-02-29");
});

describe("checkAgenda", () => {
  it("accepts the template's agenda", () => {
    const template = TEMPLATES["eda-kafka-2day"];
    if (!template) throw new Error("template missing");
    expect(checkAgenda(templateAgenda(template))).toEqual([]);
  });

  it("accepts back-to-back items and a one-minute item", () => {
    expect(
      checkAgenda([item(1, "09:00", "10:00"), item(1, "10:00", "10:01"), item(2, "08:00", "09:00")]),
    ).toEqual([]);
  });

  it("names every problem at once", () => {
    const problems = checkAgenda([
      item(1, "09:00", "10:00", "A"),
      item(1, "09:30", "10:30", "B"), // overlaps A
      item(1, "11:00", "11:00", "C"), // zero length
      item(2, "9:00", "25:00", "D"), // not HH:MM
      item(1, "12:00", "13:00", "E"), // back to day 1
    ]);
    expect(problems).toEqual([
      {
        index: 1,
        field: "start",
        kind: "overlap",
        message: expect.stringContaining('before item 0 ("A") ends at 10:00'),
      },
      { index: 2, field: "end", kind: "length", message: expect.stringContaining("not after its start") },
      { index: 3, field: "start", kind: "format", message: expect.stringContaining("not a time") },
      { index: 3, field: "end", kind: "format", message: expect.stringContaining("not a time") },
      { index: 4, field: "day", kind: "order", message: expect.stringContaining("items must be in order") },
    ]);
  });
});

describe("planAgenda", () => {
  it("plans the template's 15 items in the workshop's time zone across a DST change", () => {
    const template = TEMPLATES["eda-kafka-2day"];
    if (!template) throw new Error("template missing");
    // Day 1 on Saturday 29 March 2025 (GMT), day 2 on Sunday 30 March (BST from 01:00).
    const planned = planAgenda(templateAgenda(template), {
      startDate: "2025-03-29",
      timeZone: "Europe/London",
    });
    expect(planned).toHaveLength(15);
    expect(planned.filter((p) => p.kind === "session")).toHaveLength(11);
    expect(planned[0]).toMatchObject({
      day: 1,
      localStart: "09:30",
      plannedStart: new Date("2025-03-29T09:30:00Z"),
    });
    const day2 = planned.filter((p) => p.day === 2);
    expect(day2[0]).toMatchObject({ localStart: "09:30", plannedStart: new Date("2025-03-30T08:30:00Z") });
    expect(day2.at(-1)).toMatchObject({ localEnd: "17:00", plannedEnd: new Date("2025-03-30T16:00:00Z") });
    expect(planned.map((p) => p.position)).toEqual([...planned.keys()]);
  });
});
