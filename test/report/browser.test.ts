import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import axe from "axe-core";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { HOSTILE, reportFixture } from "../helpers/report.js";

/**
 * The web view in a real Chromium (Debian's `chromium`; `.ci/run` installs it when missing): each page
 * renders with no console error, the Gantt draws every work package, axe-core finds no serious or
 * critical violation, and a screenshot of each page lands in test/artifacts/ (kept by CI, ignored by git).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available) {
  console.warn(
    `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH); CI installs it`,
  );
}
const ARTIFACTS = new URL("../artifacts/", import.meta.url).pathname;

describe.skipIf(!available)("the web view in Chromium", () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let close: () => void;
  let report: string;
  let w: Awaited<ReturnType<typeof reportFixture>>;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp();
    w = await reportFixture(t);
    const link = await t.request("POST", `/v1/workshops/${w.id}/share-links`, { body: {} });
    report = `/v1/workshops/${w.id}/report?format=html&asOf=2026-03-09`;
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    close = () => server.close();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    base += new URL(link.json.url).pathname;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    close?.();
    await t?.close();
  });

  const PAGES = [
    "",
    "scorecard",
    "register",
    "dora",
    "architecture",
    "roadmap",
    "live",
    "live?refresh=off",
  ] as const;

  it.each(PAGES)(
    "renders /w/<secret>/%s with no console error and no serious accessibility violation",
    async (path) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(e.message));
      const res = await page.goto(path ? `${base}/${path}` : base);
      expect(res?.status()).toBe(200);
      const name = (path || "overview").replace(/\?.*$/, "-still");
      await page.screenshot({ path: `${ARTIFACTS}web-${name}.png`, fullPage: true });
      await page.addScriptTag({ content: axe.source });
      const options = {
        resultTypes: ["violations"],
        // The live view reloads itself on purpose; it links to a still twin (`?refresh=off`), which
        // is checked with this rule on (WCAG 2.2.1 lets the reader turn the timing off).
        rules: { "meta-refresh": { enabled: path !== "live" } },
      };
      const result = (await page.evaluate(`axe.run(document, ${JSON.stringify(options)})`)) as axe.AxeResults;
      const serious = result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      expect(serious).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    },
    60_000,
  );

  it("draws every work package in the Gantt, each visible", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/roadmap`);
    const keys = await page
      .locator("svg.gantt g.wp")
      .evaluateAll((gs) => gs.map((g) => g.getAttribute("data-key")));
    expect(keys).toEqual(w.workPackageKeys);
    for (const g of await page.locator("svg.gantt g.wp").all()) {
      const box = await g.boundingBox();
      expect(box && box.width > 0 && box.height > 0).toBe(true);
    }
    await page.locator("svg.gantt").screenshot({ path: `${ARTIFACTS}gantt.png` });
    await page.close();
  }, 60_000);

  it("draws the environments and every use case's data flow on the architecture page, each part visible", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/architecture`);
    const keys = (selector: string) =>
      page.locator(selector).evaluateAll((gs) => gs.map((g) => g.getAttribute("data-key")));
    expect(await keys("svg.environments g.environment")).toEqual(["prod", "dev"]);
    expect(await keys("svg.dataflow g.node")).toEqual([
      "checkout",
      "payments",
      "orders",
      "payments",
      "fulfilment",
      `billing ${HOSTILE}`,
    ]);
    for (const g of await page.locator("svg.environments g.component, svg.dataflow g.node").all()) {
      const box = await g.boundingBox();
      expect(box && box.width > 0 && box.height > 0).toBe(true);
    }
    // The hostile group name is drawn as text: the page gained no element from it.
    expect(await page.locator("svg script, svg img").count()).toBe(0);
    await page.locator("svg.environments").screenshot({ path: `${ARTIFACTS}environments.png` });
    await page.locator("svg.dataflow").screenshot({ path: `${ARTIFACTS}data-flow.png` });
    await page.close();
  }, 60_000);

  it("prints the whole report without the navigation", async () => {
    const page = await browser.newPage();
    const res = await page.request.get(`${new URL(base).origin}${report}`, {
      headers: { Authorization: `Bearer ${t.adminToken}` },
    });
    await page.setContent(await res.text());
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav.toc").isVisible()).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}report-print.png`, fullPage: true });
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.length).toBeGreaterThan(1000);
    await page.close();
  }, 60_000);
});
