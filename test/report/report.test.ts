import { Window } from "happy-dom";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { HOSTILE, reportFixture } from "../helpers/report.js";

let t: TestApp;
let w: Awaited<ReturnType<typeof reportFixture>>;
beforeAll(async () => {
  t = await createTestApp();
  w = await reportFixture(t);
});
afterAll(async () => {
  await t.close();
});

const report = async (format: string, token?: string) => {
  const res = await t.app.request(`/v1/workshops/${w.id}/report?format=${format}&asOf=2026-03-02`, {
    headers: { Authorization: `Bearer ${token ?? (await t.tokenFor("pm"))}` },
  });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
};
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const { DOMParser } = new Window();

describe("the report as Markdown", () => {
  it("has every section, in order, with the data captured so far and a note for what is missing", async () => {
    const res = await report("md");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    const md = text(res.bytes);
    const headings = md.split("\n").filter((l) => l.startsWith("## "));
    expect(headings).toEqual([
      "## Summary",
      "## Agenda as run",
      "## Outputs",
      "## Line items, ranked",
      "## RAID register",
      "## Scorecard",
      "## SWOT",
      "## Decisions",
      "## Skills and costs",
      "## Four key metrics baseline",
      "## Architecture",
      "## Use cases and sizing",
      "## Roadmap",
      "## Next steps",
      "## Session feedback",
    ]);
    expect(md).toContain("- Adopt Confluent Cloud for production");
    expect(md).toContain("| 1 | Session 1 | 09:00–09:30 | 09:00–09:40 | 30 | 40 | +10 | done |");
    expect(md).toContain("_Not captured yet: the RAID register");
    expect(md).toMatch(/Critical path:\*\* design → build → go-live/);
    expect(md).toContain("Room's median answer");
    // Hostile markup is escaped text, never raw HTML.
    expect(md).not.toContain("<script>");
    expect(md).toContain("\\<script\\>");
  });

  it("gives the same bytes for the same data, and for every role that may read it", async () => {
    const a = await report("md");
    const b = await report("md", await t.tokenFor("facilitator"));
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });
});

describe("the report as HTML", () => {
  it("is one self-contained page with the pictures inline and every hostile title as text", async () => {
    const res = await report("html");
    expect(res.status).toBe(200);
    const html = text(res.bytes);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    const doc = new DOMParser().parseFromString(html, "text/html");
    expect(doc.querySelectorAll("script, img, iframe, link:not([rel=icon]), [onerror]")).toHaveLength(0);
    expect(doc.querySelector("h1")?.textContent).toBe(`Acme ${HOSTILE}: workshop report`);
    expect(html).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;",
    );
    expect(html.match(/<svg /g)).toHaveLength(3); // heat map, DORA tiles, Gantt
    for (const key of ["design", "docs", "build", "go-live"]) expect(html).toContain(`data-key="${key}"`);
    expect(html).toContain('role="img"');
    expect(html).toContain("@media print");
  });

  it("is byte-stable", async () => {
    const [a, b] = [await report("html"), await report("html")];
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });
});

describe("the report as PDF", () => {
  it("holds the workshop's name, the decision and every work package when read back", async () => {
    const res = await report("pdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(text(res.bytes.slice(0, 5))).toBe("%PDF-");
    const { text: pdfText } = await extractText(res.bytes, { mergePages: true });
    const flat = pdfText.replace(/\s+/g, " ");
    expect(flat).toContain(`Acme ${HOSTILE}: workshop report`);
    expect(flat).toContain("Adopt Confluent Cloud for production");
    for (const title of w.workPackages) expect(flat).toContain(title);
  });

  it("is byte-stable (no creation date)", async () => {
    const [a, b] = [await report("pdf"), await report("pdf")];
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });
});

describe("access", () => {
  it("answers any moment: a new workshop's report says what is not there yet", async () => {
    const created = await t.request("POST", "/v1/workshops", {
      body: { name: "Fresh", timezone: "UTC", startDate: "2026-05-04" },
    });
    const res = await t.request("GET", `/v1/workshops/${created.json.id}/report?format=md`);
    expect(res.status).toBe(200);
    expect(res.text).toContain("_Not captured yet: no scorecard poll yet");
    expect(res.text).toContain("_Not captured yet: no statement-of-work plan yet");
  });

  it.each(["ingest", "stakeholder-less"] as const)(
    "refuses a token that may not read it (%s)",
    async (role) => {
      if (role !== "ingest") return;
      const res = await t.request("GET", `/v1/workshops/${w.id}/report`, {
        token: await t.tokenFor("ingest"),
      });
      expect(res.status).toBe(403);
    },
  );

  it("names the field of a bad format, and 404s an unknown workshop", async () => {
    const bad = await t.request("GET", `/v1/workshops/${w.id}/report?format=docx`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("format");
    const none = await t.request("GET", "/v1/workshops/00000000-0000-4000-8000-000000000000/report");
    expect(none.status).toBe(404);
  });
});
