import { escapeXml as h } from "./escape.js";
import { htmlDocument, sectionHtml } from "./html.js";
import type { ReportModel, SectionKey } from "./model.js";
import { renderSections } from "./sections.js";

export interface WebPage {
  title: string;
  /** Path under `/w/<secret>`; "" for the overview. */
  path: string;
  sections: readonly SectionKey[];
}

/** The web view's pages, in navigation order; each shows some of the report's sections. */
export const WEB_PAGES = {
  overview: { title: "Overview", path: "", sections: ["summary", "agenda", "nextSteps", "feedback"] },
  scorecard: {
    title: "Scorecard",
    path: "scorecard",
    sections: ["scorecard", "swot", "decisions", "skillsCosts"],
  },
  register: { title: "Register", path: "register", sections: ["lineItems", "raid", "outputs"] },
  dora: { title: "DORA", path: "dora", sections: ["dora"] },
  architecture: { title: "Architecture", path: "architecture", sections: ["architecture", "sizing"] },
  roadmap: { title: "Roadmap", path: "roadmap", sections: ["roadmap"] },
} as const satisfies Record<string, WebPage>;
export type WebPageKey = keyof typeof WEB_PAGES;

/** What a facilitator glances at during the workshop. */
export interface LiveStatus {
  current: { title: string; state: string; secondsLeft: number | null } | null;
  next: string | null;
  agendaSummary: string;
  /** Open polls and how many people have voted in each (never the tallies of a blind poll). */
  polls: { title: string; voterCount: number }[];
}

function header(workshopName: string, base: string, current: WebPageKey | "live"): string {
  const links = (Object.keys(WEB_PAGES) as WebPageKey[])
    .map((key) => {
      const page = WEB_PAGES[key];
      const href = page.path ? `${base}/${page.path}` : base;
      return `<li><a href="${h(href)}"${key === current ? ' aria-current="page"' : ""}>${h(page.title)}</a></li>`;
    })
    .concat(
      `<li><a href="${h(`${base}/live`)}"${current === "live" ? ' aria-current="page"' : ""}>Live</a></li>`,
      `<li><a href="${h(`${base}/report.pdf`)}">Report (PDF)</a></li>`,
    )
    .join("");
  return `<header class="site"><strong>${h(workshopName)}</strong><nav aria-label="Workshop pages"><ul>${links}</ul></nav></header>`;
}

/** One page of the web view: the site header, then the page's sections as in the report. */
export function renderWebPage(model: ReportModel, key: WebPageKey, base: string): string {
  const page = WEB_PAGES[key];
  const sections = renderSections(model, page.sections);
  const main =
    `<h1>${h(page.title)}</h1>` +
    `<p>${h(model.workshop.name)} · starts ${model.workshop.startDate} · ${h(model.workshop.timezone)} · as of ${model.asOf}</p>\n` +
    sections.map(sectionHtml).join("\n");
  return htmlDocument({
    title: `${page.title}: ${model.workshop.name}`,
    header: header(model.workshop.name, base, key),
    main,
  });
}

/** "12:05 left" / "3:20 over", from seconds (negative: overrunning). */
export function formatTimeLeft(seconds: number): string {
  const abs = Math.abs(seconds);
  const text = `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
  return seconds >= 0 ? `${text} left` : `${text} over`;
}

/**
 * The live view: reloads itself every `refreshSeconds` (no script needed), or not at all when
 * `refreshSeconds` is null: the page links to its still twin, for readers who need it to hold still
 * (WCAG 2.2.1, timing adjustable).
 */
export function renderLivePage(
  workshopName: string,
  live: LiveStatus,
  base: string,
  refreshSeconds: number | null = 15,
): string {
  const current = live.current
    ? `<p class="live">Now: <strong>${h(live.current.title)}</strong> (${h(live.current.state)})` +
      (live.current.secondsLeft === null
        ? ""
        : ` · <strong>${formatTimeLeft(live.current.secondsLeft)}</strong>`) +
      "</p>"
    : `<p class="live">No session is running.</p>`;
  const polls = live.polls.length
    ? `<h2>Votes in</h2><ul>${live.polls.map((p) => `<li>${h(p.title)}: ${p.voterCount} voted</li>`).join("")}</ul>`
    : `<h2>Votes in</h2><p class="note">No poll is open.</p>`;
  const main =
    `<h1>Live</h1>${current}` +
    `<p>Next: ${live.next ? h(live.next) : "nothing"}</p><p>${h(live.agendaSummary)}</p>${polls}` +
    (refreshSeconds
      ? `<p class="note no-print">This page reloads itself every ${refreshSeconds} seconds. <a href="${h(`${base}/live?refresh=off`)}">Stop reloading</a></p>`
      : `<p class="note no-print">This page does not reload. <a href="${h(`${base}/live`)}">Reload every 15 seconds</a></p>`);
  return htmlDocument({
    title: `Live: ${workshopName}`,
    header: header(workshopName, base, "live"),
    main,
    ...(refreshSeconds ? { refreshSeconds } : {}),
  });
}
