import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { renderCsv } from "../../api/domain/roadmap/csv.js";
import { roadmapFileName } from "../../api/domain/roadmap/file-name.js";
import { escapeText, fold, renderICalendar } from "../../api/domain/roadmap/ical.js";
import { renderMarkdown } from "../../api/domain/roadmap/markdown.js";
import { renderMermaid } from "../../api/domain/roadmap/mermaid.js";
import { decodeMermaidEntities, loadMermaid, localDate } from "../helpers/mermaid.js";
import { plan, scheduled, wp } from "../helpers/plan.js";

const TRICKY = 'Design: API; v2 # 5% "quoted", with comma';

/** Mon 3 March 2025, Friday 7th a holiday. design 3d → docs FS+1 (Mon 10–Tue 11), build (Thu 06–Thu 13). */
const schedule = () =>
  scheduled(
    plan(
      [
        wp("design", 3, [], { title: TRICKY, owner: "platform team", phase: "Discover" }),
        wp("docs", 2, [{ key: "design", type: "FS", lagDays: 1 }], {
          title: "Section 5 review",
          owner: "=HYPERLINK(evil)",
          phase: "Deliver",
        }),
        wp("build", 5, ["design"], { title: "Build\nand test", owner: "platform team", phase: "Deliver" }),
        wp("crit", 0, ["build", "docs"], { title: "Go-live", phase: "Deliver", deadline: "2025-03-12" }),
        wp("extra", 1, [], { title: "Überprüfung der Schnittstellen — 日本語のテキスト ".repeat(3).trim() }),
      ],
      { holidays: ["2025-03-07"] },
    ),
  );

describe("CSV", () => {
  it("has one row per work package with dates, floats, the critical flag, owner and predecessors", () => {
    const csv = renderCsv(schedule());
    // A byte-order mark first, so Excel reads the file as UTF-8.
    expect(csv.startsWith("\uFEFFkey,")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "key,title,phase,owner,durationDays,earlyStart,earlyFinish,lateStart,lateFinish,totalFloat,freeFloat,critical,deadline,predecessors",
    );
    expect(lines[1]).toBe(
      `design,"Design: API; v2 # 5% ""quoted"", with comma",Discover,platform team,3,2025-03-03,2025-03-05,2025-02-28,2025-03-04,-1,0,true,,`,
    );
    expect(lines[2]).toBe(
      "docs,Section 5 review,Deliver,'=HYPERLINK(evil),2,2025-03-10,2025-03-11,2025-03-11,2025-03-12,1,2,false,,design:FS+1",
    );
    // A line break inside a quoted field stays in the field.
    expect(lines[3]).toBe(
      'build,"Build\nand test",Deliver,platform team,5,2025-03-06,2025-03-13,2025-03-05,2025-03-12,-1,0,true,,design:FS',
    );
    expect(lines[4]).toBe(
      "crit,Go-live,Deliver,,0,2025-03-13,2025-03-13,2025-03-12,2025-03-12,-1,0,true,2025-03-12,build:FS; docs:FS",
    );
    expect(lines).toHaveLength(7); // header, five rows, and the final CRLF's empty remainder
    expect(lines.at(-1)).toBe("");
  });
});

describe("Markdown", () => {
  it("groups by phase, escapes table-breaking text and shows the critical path", () => {
    const md = renderMarkdown(schedule(), { title: "Acme | roadmap", groupBy: "phase" });
    expect(md).toContain("# Acme \\| roadmap\n");
    expect(md).toContain("Critical path: `design` → `build` → `crit`");
    const headings = md.split("\n").filter((l) => l.startsWith("## "));
    expect(headings).toEqual(["## Phase: Discover", "## No phase", "## Phase: Deliver"]);
    expect(md).toContain(
      '| Design: API; v2 \\# 5% "quoted", with comma | `design` | platform team | 2025-03-03 | 2025-03-05 | 3 | -1 (behind) | **yes** |  |',
    );
    expect(md).toContain("| Build and test | `build` |");
    expect(md).toContain("| 0 (milestone) | -1 (behind) | **yes** | `build:FS`, `docs:FS` |");
    // Every table row has the same number of unescaped pipes.
    const rows = md.split("\n").filter((l) => l.startsWith("| "));
    for (const row of rows) expect(row.replace(/\\\|/g, "").split("|").length).toBe(11);
  });

  it("groups by owner", () => {
    const md = renderMarkdown(schedule(), { title: "Roadmap", groupBy: "owner" });
    expect(md.split("\n").filter((l) => l.startsWith("## "))).toEqual([
      "## Owner: platform team",
      "## No owner",
      "## Owner: =HYPERLINK(evil)",
    ]);
  });
});

describe("Mermaid", () => {
  let mermaid: Awaited<ReturnType<typeof loadMermaid>>;
  beforeAll(async () => {
    mermaid = await loadMermaid();
  });

  it("is a gantt chart Mermaid's parser reads back with our dates, crit and milestones", async () => {
    const text = renderMermaid(schedule(), { title: "Acme: roadmap", groupBy: "phase" });
    const db = await mermaid.gantt(text);
    expect(decodeMermaidEntities(db.getDiagramTitle())).toBe("Acme: roadmap");
    expect(db.getExcludes()).toEqual(["saturday", "sunday", "2025-03-07"]);
    const tasks = db.getTasks().map((t) => ({
      id: t.id,
      title: decodeMermaidEntities(t.task),
      section: decodeMermaidEntities(t.section),
      start: localDate(t.startTime),
      end: localDate(t.endTime),
      crit: Boolean(t.crit),
      milestone: Boolean(t.milestone),
    }));
    expect(tasks).toEqual([
      {
        id: "design",
        title: TRICKY,
        section: "Discover",
        start: "2025-03-03",
        end: "2025-03-06",
        crit: true,
        milestone: false,
      },
      {
        id: "extra",
        title: expect.stringMatching(/^Überprüfung/),
        section: "No phase",
        start: "2025-03-03",
        end: "2025-03-04",
        crit: false,
        milestone: false,
      },
      {
        id: "build",
        title: "Build and test",
        section: "Deliver",
        start: "2025-03-06",
        end: "2025-03-14",
        crit: true,
        milestone: false,
      },
      {
        id: "docs",
        title: "Section 5 review",
        section: "Deliver",
        start: "2025-03-10",
        end: "2025-03-12",
        crit: false,
        milestone: false,
      },
      // A key that is one of Mermaid's tag words gets a prefix, or Mermaid would read it as a tag.
      {
        id: "wp-crit",
        title: "Go-live",
        section: "Deliver",
        start: "2025-03-13",
        end: "2025-03-13",
        crit: true,
        milestone: true,
      },
    ]);
  });

  it("refuses what is not a chart, so the parse above is a real check", async () => {
    await expect(
      mermaid.gantt(
        "gantt\n  dateFormat YYYY-MM-DD\n  section A\n  Task :a, 2025-03-03, 2025-03-06\n  :: ::\n",
      ),
    ).rejects.toThrow(/Parse error/);
  });
});

describe("iCalendar", () => {
  const ics = () =>
    renderICalendar(schedule(), {
      workshopId: "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f",
      name: "Acme, roadmap; 2025",
      updatedAt: new Date("2025-03-01T12:34:56.789Z"),
    });

  it("parses with ical.js: all-day events, exclusive ends, stable UIDs, text round-tripped", () => {
    const calendar = new ICAL.Component(ICAL.parse(ics()));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Baton//Roadmap//EN");
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    // ical.js leaves properties it has no definition for (RFC 7986 NAME, X-WR-CALNAME) as escaped TEXT.
    expect(calendar.getFirstPropertyValue("name")).toBe("Acme\\, roadmap\\; 2025");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Acme\\, roadmap\\; 2025");
    const events = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    expect(
      events.map((e) => [e.uid, e.startDate.toString(), e.endDate.toString(), e.startDate.isDate, e.summary]),
    ).toEqual([
      [
        "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f-design@baton",
        "2025-03-03",
        "2025-03-06",
        true,
        `${TRICKY} (critical)`,
      ],
      [
        "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f-docs@baton",
        "2025-03-10",
        "2025-03-12",
        true,
        "Section 5 review",
      ],
      [
        "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f-build@baton",
        "2025-03-06",
        "2025-03-14",
        true,
        "Build\nand test (critical)",
      ],
      [
        "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f-crit@baton",
        "2025-03-13",
        "2025-03-14",
        true,
        "Go-live (critical)",
      ],
      [
        "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f-extra@baton",
        "2025-03-03",
        "2025-03-04",
        true,
        "Überprüfung der Schnittstellen — 日本語のテキスト ".repeat(3).trim(),
      ],
    ]);
    const docs = events[1];
    expect(docs?.description).toBe(
      "2 working days: 2025-03-10 to 2025-03-11.\nLatest: 2025-03-11 to 2025-03-12; total float 1, free float 2.\nOwner: =HYPERLINK(evil)\nPhase: Deliver\nAfter: design:FS+1",
    );
    expect(events[3]?.description).toBe(
      "Milestone on 2025-03-13.\nLatest: 2025-03-12; total float -1, free float 0 (critical).\nPhase: Deliver\nDeadline: 2025-03-12\nAfter: build:FS, docs:FS",
    );
    expect(events[0]?.component.getFirstPropertyValue("dtstamp")?.toString()).toBe("2025-03-01T12:34:56Z");
  });

  it("ends every line with CRLF and folds lines at 75 octets without splitting a character", () => {
    const text = ics();
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = text.split("\r\n");
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(" "))).toBe(true);
    // Unfolding restores the summary exactly, so no UTF-8 sequence was cut.
    const unfolded = text.replace(/\r\n /g, "");
    expect(unfolded).toContain(
      `SUMMARY:${escapeText("Überprüfung der Schnittstellen — 日本語のテキスト ".repeat(3).trim())}`,
    );
  });

  it.each([
    ["a\\b", "a\\\\b"],
    ["a;b,c", "a\\;b\\,c"],
    ["line\r\nbreak\nand\rmore", "line\\nbreak\\nand\\nmore"],
  ])("escapes %j as %j", (input, output) => {
    expect(escapeText(input)).toBe(output);
  });

  it("folds a long line of 2-, 3- and 4-octet characters into lines of at most 75 octets", () => {
    const line = `DESCRIPTION:${"é日😀".repeat(40)}`;
    const folded = fold(line).split("\r\n");
    expect(folded.length).toBeGreaterThan(2);
    for (const part of folded) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
  });

  it("is the same, byte for byte, for the same plan", () => {
    expect(ics()).toBe(ics());
  });
});

describe("file names", () => {
  it.each([
    ["Acme EDA workshop", "csv", "acme-eda-workshop-roadmap.csv"],
    ["Überprüfung: Q3/Q4 — “Plan”", "ics", "uberprufung-q3-q4-plan-roadmap.ics"],
    ['"; rm -rf /', "md", "rm-rf-roadmap.md"],
    ["日本語", "mmd", "workshop-roadmap.mmd"],
  ])("%s → %s", (name, ext, file) => {
    expect(roadmapFileName(name, ext)).toBe(file);
  });
});
