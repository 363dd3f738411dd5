import { encodePollControl, encodePollView, encodeVote } from "./action-ids.js";
import type { PollView, PollVoter, ScorecardResult } from "./poll-types.js";
import type { Button, ButtonRow, Grid, Heat, Member, PollCard, Reply, Section } from "./types.js";

/**
 * A poll as chat messages ("cards"), transport-neutral. A scorecard is a header card (what to do,
 * who has voted, the results once they may be shown, Reveal / Close) and one card per option (and
 * view) with a row of L / M / H buttons per factor. A relevance poll rates its line items in cards of
 * ten rows; a choice poll is one card. The cards are what the whole room sees, so they only ever
 * show tallies the poll lets the room see (`talliesVisible` of the room's view). A personal view is
 * the same cards for one person, from the poll read with them as its viewer: their own votes marked
 * ("✓ M"), the tallies they may see, and Reveal / Close only if they facilitate.
 */

export interface CardOptions {
  /** The channel's members, to say who has not voted yet (never for anonymous polls). */
  members?: Member[] | null;
  /** The platform the members are on, to match them to voters. */
  platform?: string;
  /** Draw the cards for the poll's viewer (`myVotes`, `viewerFacilitates`) rather than for the room. */
  personal?: boolean;
}

const RELEVANCE_ROWS_PER_CARD = 10;
const MAX_NAMES = 25;

export function renderPollCards(poll: PollView, opts: CardOptions = {}): PollCard[] {
  const cards: PollCard[] = [{ key: "head", reply: headCard(poll, opts) }];
  switch (poll.kind) {
    case "scorecard":
      return [...cards, ...scorecardCards(poll, opts)];
    case "relevance":
      return [...cards, ...relevanceCards(poll, opts)];
    case "choice":
      // One card: the answers are buttons on the head card.
      return cards;
    default:
      return assertNever(poll.kind);
  }
}

/** Compile-time exhaustiveness: a new poll kind makes every switch that forgets it a type error. */
export function assertNever(value: never): never {
  throw new Error(`unhandled kind: ${String(value)}`);
}

function scorecardCards(poll: PollView, opts: CardOptions): PollCard[] {
  const cards: PollCard[] = [];
  for (const view of poll.views.length ? poll.views : [""])
    for (const option of poll.options)
      cards.push({ key: `o:${view}:${option.key}`, reply: optionCard(poll, option.key, view, opts) });
  return cards;
}

function relevanceCards(poll: PollView, opts: CardOptions): PollCard[] {
  const cards: PollCard[] = [];
  for (let i = 0; i < poll.options.length; i += RELEVANCE_ROWS_PER_CARD) {
    const chunk = poll.options.slice(i, i + RELEVANCE_ROWS_PER_CARD);
    cards.push({
      key: `r:${i / RELEVANCE_ROWS_PER_CARD}`,
      reply: {
        visibility: "channel",
        text: `Line items ${i + 1}–${i + chunk.length} of ${poll.options.length}`,
        ...(poll.state === "closed"
          ? {}
          : {
              rows: chunk.map((o) => ({
                label: o.label,
                buttons: scaleButtons(poll).map((b) =>
                  marked(
                    {
                      label: b.label,
                      actionId: encodeVote({
                        pollId: poll.id,
                        option: o.key,
                        factor: "",
                        view: "",
                        value: b.value,
                      }),
                    },
                    opts.personal && myVote(poll, o.key, "", "") === b.value,
                  ),
                ),
              })),
            }),
      },
    });
  }
  return cards;
}

/**
 * Cards as one message (for platforms that post a poll as one card, and terminals). The head card, if
 * among them, leads; every other card becomes a titled section, its rows labelled with its title. A
 * group without the head (a platform that splits a large poll into several messages) is headed by
 * `text`.
 */
export function mergeCards(cards: PollCard[], text?: string): Reply {
  const head = cards[0]?.key === "head" ? cards[0] : undefined;
  const rest = head ? cards.slice(1) : cards;
  const sections: Section[] = [...(head?.reply.sections ?? [])];
  const rows: ButtonRow[] = [...(head?.reply.rows ?? [])];
  for (const card of rest) {
    sections.push({ title: card.reply.text, ...(card.reply.sections?.[0] ?? {}) });
    sections.push(...(card.reply.sections?.slice(1) ?? []));
    for (const row of card.reply.rows ?? [])
      rows.push({ ...row, label: `${card.reply.text} · ${row.label}` });
  }
  return {
    visibility: "channel",
    text: head?.reply.text ?? text ?? cards[0]?.reply.text ?? "",
    sections,
    ...(rows.length ? { rows } : {}),
    ...(head?.reply.buttons?.length ? { buttons: head.reply.buttons } : {}),
    ...(head?.reply.personalView ? { personalView: head.reply.personalView } : {}),
  };
}

/**
 * The viewer's vote on one cell, as a button value ("M", "4", "y"), or null. Scorecards match the
 * factor; relevance and choice polls have one factor, which their buttons leave out.
 */
function myVote(poll: PollView, option: string, factor: string, view: string): string | null {
  const vote = (poll.myVotes ?? []).find(
    (v) =>
      v.option === option && (poll.kind !== "scorecard" || v.factor === factor) && (v.view ?? "") === view,
  );
  if (!vote) return null;
  return vote.value === true ? "y" : vote.value === false ? "n" : String(vote.value);
}

/** A button showing the person's own choice: "✓ M", highlighted. */
function marked(button: Button, mine: boolean | undefined): Button {
  return mine ? { ...button, label: `✓ ${button.label}`, style: "primary" } : button;
}

function scaleButtons(poll: PollView): { label: string; value: string }[] {
  if (poll.scale === "1-5") return ["1", "2", "3", "4", "5"].map((v) => ({ label: v, value: v }));
  return ["L", "M", "H"].map((v) => ({ label: v, value: v }));
}

const INTRO: Record<PollView["kind"], (p: PollView) => string> = {
  scorecard: (p) => `📊 ${p.title}: score each option Low / Medium / High on each factor.`,
  relevance: (p) =>
    `🔎 ${p.title}: how relevant is each line item to what follows? ${p.scale === "1-5" ? "1 (not) to 5 (very)." : "Low / Medium / High."}`,
  choice: (p) => `🗳 ${p.title}${p.multiple ? " (choose any)" : ""}`,
};

function headCard(poll: PollView, opts: CardOptions): Reply {
  const sections: Section[] = [
    {
      text: [stateLine(poll), votersLine(poll, poll.voters, poll.voterCount, opts), personalLine(poll, opts)]
        .filter(Boolean)
        .join("\n"),
    },
  ];
  if (poll.kind === "scorecard" && poll.state !== "closed") sections.push({ text: scoringLegend(poll) });
  sections.push(...resultSections(poll));
  const reply: Reply = {
    visibility: "channel",
    text: INTRO[poll.kind](poll),
    sections,
    personalView: encodePollView(poll.id),
  };
  if (poll.kind === "choice" && poll.state !== "closed") {
    const buttons: Button[] = poll.options.map((o) => {
      // In a person's own view a chosen answer is marked, and choosing it again takes it back.
      const chosen = opts.personal && myVote(poll, o.key, "", "") === "y";
      return marked(
        {
          label: o.label,
          actionId: encodeVote({
            pollId: poll.id,
            option: o.key,
            factor: "",
            view: "",
            value: chosen ? "n" : "y",
          }),
        },
        chosen,
      );
    });
    reply.rows = [];
    for (let i = 0; i < buttons.length; i += 5)
      reply.rows.push({ label: i === 0 ? "Choose" : "", buttons: buttons.slice(i, i + 5) });
  }
  const controls = controlButtons(poll, opts);
  if (controls.length) reply.buttons = controls;
  return reply;
}

/** What a person's own view adds under the voters: that the ✓ marks are theirs. */
function personalLine(poll: PollView, opts: CardOptions): string {
  if (!opts.personal) return "";
  const peek =
    poll.blind && poll.state === "open" && poll.talliesVisible
      ? " As a facilitator you see the results so far; the room does not yet."
      : "";
  const votes = poll.myVotes?.length ?? 0;
  if (votes === 0)
    return poll.state === "closed"
      ? "You did not vote."
      : `Only you see this view: you have not voted yet.${peek}`;
  const again =
    poll.kind === "choice" && poll.state !== "closed" ? " Choose a ✓ answer again to take it back." : "";
  return `Only you see this view: ✓ marks your ${votes === 1 ? "vote" : `${votes} votes`}.${again}${peek}`;
}

/**
 * Reveal, Peek and Close. The room's card offers them to everyone (the API refuses anyone but a
 * facilitator); a person's own view offers Reveal and Close to facilitators only, and no Peek: their
 * view already shows them the tallies.
 */
function controlButtons(poll: PollView, opts: CardOptions): Button[] {
  if (poll.state === "closed") return [];
  if (opts.personal && !poll.viewerFacilitates) return [];
  const buttons: Button[] = [];
  if (poll.blind && poll.state === "open") {
    buttons.push({
      label: "Reveal results",
      actionId: encodePollControl("reveal", poll.id),
      style: "primary",
    });
    if (!opts.personal)
      buttons.push({ label: "Peek (facilitators)", actionId: encodePollControl("peek", poll.id) });
  }
  buttons.push({ label: "Close poll", actionId: encodePollControl("close", poll.id), style: "danger" });
  return buttons;
}

function stateLine(poll: PollView): string {
  if (poll.state === "closed") return "🔒 Closed: no more votes.";
  const closes = poll.closesAt ? ` Closes at ${poll.closesAt.slice(11, 16)} UTC.` : "";
  if (poll.state === "revealed")
    return `Results are revealed; voting stays open until the poll closes.${closes}`;
  if (poll.blind)
    return `Blind: results stay hidden until a facilitator reveals them. Change your vote any time.${closes}`;
  return `Results show as votes come in. Change your vote any time.${closes}`;
}

function names(voters: PollVoter[]): string {
  const shown = voters.slice(0, MAX_NAMES).map((v) => v.displayName || v.userId);
  return shown.join(", ") + (voters.length > MAX_NAMES ? ` and ${voters.length - MAX_NAMES} more` : "");
}

/** "3 have voted: Ana, Bo, Cy. Not yet: Dee." — names only when the poll is not anonymous. */
function votersLine(poll: PollView, voters: PollVoter[] | null, count: number, opts: CardOptions): string {
  if (count === 0 && poll.state === "closed") return "Nobody voted.";
  let line =
    count === 0
      ? "No votes yet."
      : voters
        ? `${count === 1 ? "1 has" : `${count} have`} voted: ${names(voters)}.`
        : `${count === 1 ? "1 person has" : `${count} people have`} voted (anonymous poll).`;
  if (voters && opts.members && poll.state !== "closed") {
    const done = new Set(
      voters.filter((v) => v.platform === (opts.platform ?? v.platform)).map((v) => v.userId),
    );
    const waiting = opts.members.filter((m) => !done.has(m.userId));
    if (waiting.length) {
      line += ` Not yet: ${names(waiting.map((m) => ({ platform: opts.platform ?? "", userId: m.userId, displayName: m.displayName })))}.`;
    } else line += " Everyone here has voted.";
  }
  return line;
}

function optionCard(poll: PollView, optionKey: string, view: string, opts: CardOptions): Reply {
  const option = poll.options.find((o) => o.key === optionKey);
  const title = `${option?.label ?? optionKey}${view ? ` — ${view}` : ""}`;
  const voters = poll.optionVoters.find((v) => v.option === optionKey && (v.view ?? "") === view);
  const sections: Section[] = [
    { text: votersLine(poll, voters?.voters ?? (poll.anonymous ? null : []), voters?.voterCount ?? 0, opts) },
  ];
  const result =
    poll.results?.kind === "scorecard" ? poll.results.views.find((v) => (v.view ?? "") === view) : undefined;
  if (result) sections.push(...optionResult(poll, result, optionKey));
  const reply: Reply = { visibility: "channel", text: title, sections };
  if (poll.state !== "closed") {
    reply.rows = poll.factors.map((f) => ({
      label: `${f.name}${f.polarity === "lower-is-better" ? " (lower is better)" : ""}`,
      buttons: (["L", "M", "H"] as const).map((value) =>
        marked(
          {
            label: value,
            actionId: encodeVote({ pollId: poll.id, option: optionKey, factor: f.key, view, value }),
          },
          opts.personal && myVote(poll, optionKey, f.key, view) === value,
        ),
      ),
    }));
  }
  return reply;
}

export function heatOf(score: number | null): Heat {
  if (score === null) return "none";
  return score >= 2.5 ? "good" : score >= 2 ? "fair" : "poor";
}

const fmt = (n: number | null, digits = 2) => (n === null ? "–" : n.toFixed(digits));

/** One option's heat map: per factor the L / M / H counts and its score, and the option's score. */
function optionResult(poll: PollView, result: ScorecardResult, optionKey: string): Section[] {
  const grid: Grid = {
    columns: ["L", "M", "H", "score"],
    rows: poll.factors.map((f) => {
      const cell = result.cells.find((c) => c.option === optionKey && c.factor === f.key);
      return {
        label: f.name,
        cells: [
          String(cell?.counts.L ?? 0),
          String(cell?.counts.M ?? 0),
          String(cell?.counts.H ?? 0),
          fmt(cell?.score ?? null, 1),
        ],
        heat: heatOf(cell?.score ?? null),
        ...(cell?.disagreement ? { note: "split: voted both L and H" } : {}),
      };
    }),
  };
  const score = result.options.find((o) => o.option === optionKey);
  const summary =
    score?.score == null
      ? "No score yet."
      : `Score ${fmt(score.score)} · rank ${score.rank} of ${result.options.length}${score.coverage < 1 ? ` · ${Math.round(score.coverage * 100)}% of the factors (by weight) scored` : ""}`;
  return [{ grid, text: summary }];
}

/** The results the room may see, as sections: for the header card, reveal and close notes, and peeks. */
export function resultSections(poll: PollView): Section[] {
  const r = poll.results;
  if (!r) return [];
  if (r.kind === "scorecard") {
    const views = r.views.map((view) => ({
      ...(view.view ? { title: view.view } : {}),
      grid: {
        columns: ["score", "scored"],
        rows: [...view.options]
          .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))
          .map((o) => ({
            label: o.label,
            cells: [fmt(o.score), `${Math.round(o.coverage * 100)}%`],
            heat: heatOf(o.score),
          })),
      },
      text: recommendationLine(poll, view),
    }));
    return [...views, { text: RESULTS_LEGEND }];
  }
  if (r.kind === "relevance") {
    return [
      {
        title: "Most relevant first",
        grid: {
          columns: ["mean", "votes"],
          rows: r.ranking.map((i) => ({
            label: i.label,
            cells: [fmt(i.mean, 1), String(i.votes)],
            heat:
              i.normalized === null
                ? "none"
                : i.normalized >= 0.75
                  ? "good"
                  : i.normalized >= 0.5
                    ? "fair"
                    : "poor",
          })),
        },
      },
    ];
  }
  return [
    {
      grid: {
        columns: ["votes", "share"],
        rows: r.tallies.map((c) => ({
          label: c.label,
          cells: [String(c.count), `${Math.round(c.share * 100)}%`],
          heat: c.rank === 1 ? "good" : c.count > 0 ? "fair" : "none",
        })),
      },
    },
  ];
}

function factorNames(poll: PollView, keys: string[]): string {
  return keys.map((k) => poll.factors.find((f) => f.key === k)?.name ?? k).join(", ");
}

/** What the results' figures mean (under every scorecard's results). */
export const RESULTS_LEGEND =
  "Score: 1 (poor) to 3 (good), the weighted mean over the factors, lower-is-better factors turned round. " +
  "Scored: the share of the factors (by weight) that anyone has scored. Green from 2.5, amber from 2, red below 2.";

/** "A, B and C", at most `max` named: "A, B, C and 2 more". */
function listed(names: string[], max = 4): string {
  const shown = names.length > max ? [...names.slice(0, max), `${names.length - max} more`] : names;
  return shown.length <= 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/**
 * "Recommended: Confluent Cloud (2.42). Gaps (below M): Cost." — ties name the tied options; a
 * recommendation on thin data (factors nobody scored, cells with few votes) says how thin.
 */
export function recommendationLine(poll: PollView, view: ScorecardResult): string {
  const [first] = view.recommended;
  if (!first) return "No recommendation yet: no votes.";
  const head = view.tie
    ? `Tied at ${fmt(first.score)}: ${listed(view.recommended.map((r) => r.label))}.`
    : `Recommended: ${first.label} (${fmt(first.score)}).`;
  const gaps = view.recommended
    .map((r) => (r.gaps.length ? `${view.tie ? `${r.label}: ` : ""}${factorNames(poll, r.gaps)}` : ""))
    .filter(Boolean);
  // The API says how much it rests on (unscored factors, cells with fewer than 3 votes).
  return `${head} ${gaps.length ? `Gaps (below M): ${gaps.join("; ")}.` : "No gaps."}${view.evidence.thin ? ` ${view.evidence.note}` : ""}`;
}

/** How to score, on a scorecard's head card: the scale, and what L means where lower is better. */
function scoringLegend(poll: PollView): string {
  const lower = poll.factors.filter((f) => f.polarity === "lower-is-better");
  const turned = lower.length
    ? ` Lower is better for ${listed(
        lower.map((f) => f.name),
        3,
      )}: there L (${lower
        .slice(0, 3)
        .map((f) => `low ${f.name.toLowerCase()}`)
        .join(", ")}) scores best.`
    : "";
  return `L = low, M = medium, H = high.${turned}`;
}
