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
    expect(md).not.toContain("Not captured yet");
    expect(md).toMatch(/Critical path:\*\* design → build → go-live/);
    expect(md).toContain("Room's median answer");
    // Hostile markup is escaped text, never raw HTML.
    expect(md).not.toContain("<script>");
    expect(md).toContain("\\<script\\>");
  });

  /** The lines of one `## ` section, without its heading. */
  const section = (md: string, title: string) => {
    const start = md.indexOf(`\n## ${title}\n`);
    expect(start, title).toBeGreaterThan(-1);
    const end = md.indexOf("\n## ", start + 4);
    return md.slice(start, end === -1 ? undefined : end);
  };
  const H = '\\<script\\>alert\\("x"\\)\\</script\\>\\<img src=x onerror=alert\\(1\\)\\>';

  it("summarises the decision per view beside the decision line items", async () => {
    const md = section(text((await report("md")).bytes), "Summary");
    const { view, option, recommended } = w.decision;
    expect(md).toContain(
      `- ${view}: ${option}, overriding the scorecard's recommendation \\(${recommended[0]}\\)`,
    );
    expect(md).toContain(`1. Team lacks Kafka ops skills ${H}`);
  });

  it("lists every tracked output with its status and evidence", async () => {
    const md = section(text((await report("md")).bytes), "Outputs");
    expect(md).toContain("1 of 5 done, 1 in draft, 3 open.");
    expect(md).toContain(
      "| 1 | Session 1 | Captured line items, weighted in terms of relevance | done | 4 line items \\(1 reviewed\\), 1 poll, 1 decision |",
    );
    expect(md).toContain("| 1 | Session 3 | High-level data-flow model | open | 1 use case |");
    expect(md).toContain("| 1 | Session 4 | Timeline and next steps | open | 5 work packages |");
  });

  it("shows the RAID register in its order, overdue items flagged, with the review's outcomes", async () => {
    const md = section(text((await report("md")).bytes), "RAID register");
    expect(md).toContain("- **Items:** 3, 1 overdue");
    expect(md).toContain("- **Day-2 review:** 1 validated, 0 invalidated, 0 deferred, 1 not reviewed yet");
    const rows = md.split("\n").filter((l) => /^\| (risk|assumption|issue|dependency) /.test(l));
    expect(rows).toEqual([
      "| assumption | Two AWS regions | Ben | 2026-02-27 \\(overdue\\) | validated | validated |  |  |",
      "| dependency | Network team opens VPC peering | Network team | 2026-03-13 | open |  |  |  |",
      `| risk | Team lacks Kafka ops skills ${H} | Ana | 2026-03-20 | open |  | 4 × 5 = 20 |  |`,
    ]);
  });

  it("groups SWOT points by option and quadrant, naming the options without any", async () => {
    const md = section(text((await report("md")).bytes), "SWOT");
    expect(md).toContain("| Strengths | Fully managed |");
    expect(md).toContain(`| Threats | Egress costs ${H} |`);
    expect(md).toContain("| Weaknesses | Upgrades lag |");
    expect(md).toMatch(/_No point captured yet for [^_]+\._/);
  });

  it("records the decision that overrides the recommendation, its gaps and the mitigation's work package", async () => {
    const md = section(text((await report("md")).bytes), "Decisions");
    const { view, option, recommended } = w.decision;
    expect(md).toContain(`### ${view}: ${option}`);
    expect(md).toContain(`_This overrides the scorecard's recommendation \\(${recommended[0]}\\)._`);
    expect(md).toContain("- **Accepted as recommended:** no: overridden");
    expect(md).toContain(`- **Rationale:** The team knows it already ${H}`);
    expect(md).toContain("- **Decided:** 2026-03-02 by Fran Facilitator");
    expect(md).toContain("- Condition: Private networking is available in eu-west-1");
    expect(md).toMatch(/\| Train two engineers on Kafka operations \| ops-training \|/);
    // The mitigation's work package is in the plan and so in the roadmap.
    expect(section(text((await report("md")).bytes), "Roadmap")).toMatch(/^\| ops-training \| Mitigate /m);
  });

  it("shows skill gaps and cost totals beside the room's Cost votes", async () => {
    const md = section(text((await report("md")).bytes), "Skills and costs");
    expect(md).toContain("Skill gaps of 2 people");
    expect(md).toContain("| kafka-ops | 3 | 2 | 0 | 1 |  |");
    expect(md).toContain("| schema-design | 2 | 2 | 1 | 0 |  |");
    expect(md).toMatch(/\| production \| 3100 EUR \| Reserved \\<script/);
    // 4200 + 800.5 a month, 12 × that a year.
    expect(md).toMatch(/\| 5000\.5 EUR \| 60006 EUR \| default: \d/);
  });

  it("describes each environment, its components and the line items mapped onto them", async () => {
    const md = section(text((await report("md")).bytes), "Architecture");
    expect(md).toContain("_Figure: Environments diagram: 2 environments");
    expect(md).toContain("### Production \\(prod\\)");
    expect(md).toContain("- **Recovery:** RPO 5 min, RTO 60 min");
    expect(md).toContain(`| brokers | broker | Kafka ${H} | 6 | 1 |  |`);
    expect(md).toContain("| metrics | monitoring | Prometheus |  | 1 | Scrapes JMX |");
    expect(md).toContain(`| risk | Team lacks Kafka ops skills ${H} | prod.brokers, prod.metrics |`);
  });

  it("sizes each use case by the documented formulas, with its data flow and client settings", async () => {
    const md = section(text((await report("md")).bytes), "Use cases and sizing");
    expect(md).toContain(`### Order events ${H}`);
    // orders: 12000 msg/s × 1500 B = 18 MB/s at peak; 12000 / 1000 per fulfilment consumer = 12 partitions;
    // storage 2000 × 1500 / 10^6 = 3 MB/s × 168 h × 3600 × 3 / 1000 = 5443.2 GB; out 18 × (2 groups + 3 − 1) = 72.
    expect(md).toContain(
      `| orders | 12 | consumer fulfilment rate | 3 | 18 | 5443.2 | 54 / 72 | fulfilment, billing ${H} |`,
    );
    expect(md).toContain(
      `| payments | 6 | given by the topic | 3 | 1.2 | 435.5 | 3.6 / 3.6 | billing ${H} |`,
    );
    expect(md).toContain("3 brokers, decided by minimum for a quorum");
    expect(md).toMatch(/\| orders \| 12 \| \d+ \| [\d.]+ % \| [\d.]+× \|/);
    expect(md).toContain("| consumer | isolation.level | read\\_committed |");
  });

  it("matches the reviewed golden file", async () => {
    await expect(text((await report("md")).bytes)).toMatchFileSnapshot("./golden/report.md");
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
    // heat map, DORA tiles, environments, one data flow, Gantt
    expect([...doc.querySelectorAll("svg")].map((s) => s.getAttribute("class"))).toEqual([
      "chart heatmap",
      "chart dora",
      "chart environments",
      "chart dataflow",
      "chart gantt",
    ]);
    for (const key of w.workPackageKeys) expect(html).toContain(`data-key="${key}"`);
    expect(html).toContain("@media print");
  });

  it("draws the environments and the data flow as accessible SVG, hostile names as text", async () => {
    const doc = new DOMParser().parseFromString(text((await report("html")).bytes), "text/html");
    for (const svg of doc.querySelectorAll("svg")) {
      expect(svg.getAttribute("role")).toBe("img");
      const [title, desc] = (svg.getAttribute("aria-labelledby") ?? "").split(" ");
      expect(doc.getElementById(title ?? "")?.tagName.toLowerCase()).toBe("title");
      expect(doc.getElementById(desc ?? "")?.textContent?.length).toBeGreaterThan(10);
    }
    const env = doc.querySelector("svg.environments");
    expect(
      [...(env?.querySelectorAll("g.environment") ?? [])].map((g) => g.getAttribute("data-key")),
    ).toEqual(["prod", "dev"]);
    expect([...(env?.querySelectorAll("g.component") ?? [])].map((g) => g.getAttribute("data-key"))).toEqual([
      "prod.brokers",
      "prod.registry",
      "prod.metrics",
      "dev.brokers",
    ]);
    expect(env?.querySelector('g.component[data-key="prod.brokers"] title')?.textContent).toBe(
      `Kafka ${HOSTILE} × 6: broker · 1 item`,
    );
    const flow = doc.querySelector("svg.dataflow");
    expect(flow?.querySelector("title")?.textContent).toBe(`Data flow of Order events ${HOSTILE}`);
    const nodes = (kind: string) =>
      [...(flow?.querySelectorAll(`g.node.${kind}`) ?? [])].map((g) => g.getAttribute("data-key"));
    expect(nodes("producer")).toEqual(["checkout", "payments"]);
    expect(nodes("topic")).toEqual(["orders", "payments"]);
    expect(nodes("group")).toEqual(["fulfilment", `billing ${HOSTILE}`]);
    // Producers → topics (2) and topics → groups (3), each an arrow.
    expect(flow?.querySelectorAll("path[marker-end]")).toHaveLength(5);
    expect(flow?.querySelector("desc")?.textContent).toContain(`billing ${HOSTILE} reads payments`);
  });

  it("shows every hostile title in the new sections as text, never as markup", async () => {
    const html = text((await report("html")).bytes);
    const doc = new DOMParser().parseFromString(html, "text/html");
    expect(doc.querySelectorAll("script, img, [onerror]")).toHaveLength(0);
    const sectionText = (id: string) => doc.getElementById(id)?.textContent ?? "";
    expect(sectionText("raid")).toContain(`Team lacks Kafka ops skills ${HOSTILE}`);
    expect(sectionText("swot")).toContain(`Egress costs ${HOSTILE}`);
    expect(sectionText("decisions")).toContain(`The team knows it already ${HOSTILE}`);
    expect(sectionText("skillsCosts")).toContain(`Reserved ${HOSTILE}`);
    expect(sectionText("architecture")).toContain(`Kafka ${HOSTILE}`);
    expect(sectionText("sizing")).toContain(`Order events ${HOSTILE}`);
    expect(sectionText("sizing")).toContain(`billing ${HOSTILE}`);
  });

  it("is byte-stable and matches the reviewed golden file", async () => {
    const [a, b] = [await report("html"), await report("html")];
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    await expect(text(a.bytes)).toMatchFileSnapshot("./golden/report.html");
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
    expect(flat).toContain(`${w.decision.view}: ${w.decision.option}`);
    expect(flat).toContain(`This overrides the scorecard's recommendation (${w.decision.recommended[0]}).`);
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
    for (const reason of [
      "no risk, assumption, issue or dependency captured yet",
      "no SWOT point captured yet",
      "no decision recorded per scorecard view yet",
      "no skills matrix or cost table yet",
      "no environments yet",
      "no use case modelled yet",
    ])
      expect(res.text).toContain(`_Not captured yet: ${reason}`);
    // The template names its sessions' outputs: all open, nothing feeding them yet.
    expect(res.text).toContain("0 of 13 done, 0 in draft, 13 open.");
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
