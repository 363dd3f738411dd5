import { describe, expect, it } from "vitest";
import { localDate, parseDueDate } from "../../api/domain/time/natural-date.js";

// Wednesday 2026-04-15, 10:00 in London (09:00 UTC, BST).
const now = new Date("2026-04-15T09:00:00Z");
const timeZone = "Europe/London";

describe("parseDueDate", () => {
  it.each([
    ["2027-03-31", "2027-03-31"],
    ["2020-01-31", "2020-01-31"],
    ["by today", "2026-04-15"],
    ["tomorrow", "2026-04-16"],
    ["next Friday", "2026-04-17"],
    ["friday", "2026-04-17"],
    ["next Wednesday", "2026-04-22"],
    ["in 2 weeks", "2026-04-29"],
    ["in 10 days", "2026-04-25"],
    ["in 1 month", "2026-05-15"],
    ["end of April", "2026-04-30"],
    ["by end of april 2027", "2027-04-30"],
    ["end of March", "2027-03-31"],
    ["end of the month", "2026-04-30"],
    ["end of next month", "2026-05-31"],
    ["end of week", "2026-04-17"],
    ["end of year", "2026-12-31"],
    ["Q3", "2026-09-30"],
    ["q1", "2027-03-31"],
    ["Q2 2026", "2026-06-30"],
    ["end of Q4", "2026-12-31"],
    ["30 June", "2026-06-30"],
    ["June 30th 2027", "2027-06-30"],
    ["1 April", "2027-04-01"],
    ["29 February", "2028-02-29"],
  ])("%s → %s", (phrase, date) => {
    expect(parseDueDate(phrase, { now, timeZone })).toEqual({ kind: "ok", date });
  });

  it.each(["soonish", "2026-02-30", "31 April 2026", "in many weeks", ""])("refuses %j", (phrase) => {
    expect(parseDueDate(phrase, { now, timeZone }).kind).toBe("invalid");
  });

  it("resolves in the workshop's zone: 23:30 UTC is already tomorrow in Sydney", () => {
    const late = new Date("2026-04-15T23:30:00Z");
    expect(localDate(late, "UTC")).toBe("2026-04-15");
    expect(localDate(late, "Australia/Sydney")).toBe("2026-04-16");
    expect(parseDueDate("tomorrow", { now: late, timeZone: "Australia/Sydney" })).toEqual({
      kind: "ok",
      date: "2026-04-17",
    });
  });

  it("on a Friday, next Friday is a week later and end of week is today", () => {
    const friday = new Date("2026-04-17T12:00:00Z");
    expect(parseDueDate("next friday", { now: friday, timeZone: "UTC" })).toEqual({
      kind: "ok",
      date: "2026-04-24",
    });
    expect(parseDueDate("end of week", { now: friday, timeZone: "UTC" })).toEqual({
      kind: "ok",
      date: "2026-04-17",
    });
  });
});
