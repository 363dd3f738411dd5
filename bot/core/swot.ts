import type { SwotQuadrant, SwotView } from "./outputs-types.js";
import type { Reply } from "./types.js";

/**
 * `/swot <quadrant> [option:] <text>` or `/swot <option> <quadrant> <text>`, transport-neutral.
 * Quadrants: strength, weakness, opportunity, threat (or s, w, o, t). The option is a scorecard
 * option's key or label, or a unique start of one (`msk` for "AWS MSK"). `/swot` alone shows the SWOT;
 * `/swot add` opens the form.
 */
export type SwotCommand =
  | { kind: "show" }
  | { kind: "form" }
  | { kind: "help" }
  | { kind: "add"; quadrant: SwotQuadrant; option: string | null; text: string }
  | { kind: "error"; message: string };

export const SWOT_QUADRANTS: readonly SwotQuadrant[] = ["strength", "weakness", "opportunity", "threat"];

const QUADRANT: Record<string, SwotQuadrant> = {
  s: "strength",
  strength: "strength",
  strengths: "strength",
  w: "weakness",
  weakness: "weakness",
  weaknesses: "weakness",
  o: "opportunity",
  opportunity: "opportunity",
  opportunities: "opportunity",
  t: "threat",
  threat: "threat",
  threats: "threat",
};

export const QUADRANT_TITLE: Record<SwotQuadrant, string> = {
  strength: "Strengths",
  weakness: "Weaknesses",
  opportunity: "Opportunities",
  threat: "Threats",
};

export const SWOT_HELP = [
  "`/swot strength msk: Managed brokers, no patching` — a strength of a scorecard option (also weakness, opportunity, threat, or s / w / o / t)",
  "`/swot msk threat Lock-in to one cloud` — the option first works too",
  "`/swot` — the SWOT of every option; `/swot add` — the same as a form",
];

const quadrantOf = (word: string) => QUADRANT[word.toLowerCase().replace(/:$/, "")];

export function parseSwotCommand(input: string): SwotCommand {
  const text = input.trim();
  if (text === "" || /^(show|list)$/i.test(text)) return { kind: "show" };
  if (/^(help|\?)$/i.test(text)) return { kind: "help" };
  if (/^(add|new)$/i.test(text)) return { kind: "form" };
  const [first = "", second = ""] = text.split(/\s+/, 2);
  let quadrant = quadrantOf(first);
  let rest: string;
  let option: string | null = null;
  if (quadrant) {
    rest = text.slice(first.length).trim();
    // An option named with a colon: `msk:` or `option:msk`.
    const m = /^(?:option:\s*)?([^\s:]+):?\s+/i.exec(rest);
    const named = /^option:/i.test(rest) || /^[^\s:]+:\s/.test(rest);
    if (m && named) {
      option = m[1] ?? null;
      rest = rest.slice(m[0].length).trim();
    }
  } else {
    quadrant = quadrantOf(second);
    if (!quadrant)
      return {
        kind: "error",
        message: `Say which quadrant: \`/swot strength msk: <text>\` (strength, weakness, opportunity or threat; got "${first}").`,
      };
    option = first.replace(/:$/, "");
    rest = text.slice(text.indexOf(second) + second.length).trim();
  }
  if (rest === "")
    return { kind: "error", message: `What is the ${quadrant}? \`/swot ${quadrant} msk: <text>\`.` };
  if (rest.length > 1000) return { kind: "error", message: "A SWOT entry is at most 1,000 characters." };
  return { kind: "add", quadrant, option, text: rest };
}

/**
 * The option a person named, among the scorecard's: its key or label exactly, else the only one
 * whose key or label starts with or contains it. Null with the choices when none or several match.
 */
export function matchOption(
  named: string | null,
  options: SwotView["options"],
): { ok: true; option: string; label: string } | { ok: false; message: string } {
  const choices = options.map((o) => `\`${o.option}\` (${o.label})`).join(", ");
  if (!named) {
    const only = options.length === 1 ? options[0] : undefined;
    if (only) return { ok: true, option: only.option, label: only.label };
    return {
      ok: false,
      message: `Which option? Name it before a colon: \`/swot strength msk: <text>\`. The options: ${choices}.`,
    };
  }
  const n = named.toLowerCase();
  const exact = options.find((o) => o.option.toLowerCase() === n || o.label.toLowerCase() === n);
  if (exact) return { ok: true, option: exact.option, label: exact.label };
  const near = options.filter((o) => o.option.toLowerCase().includes(n) || o.label.toLowerCase().includes(n));
  const one = near.length === 1 ? near[0] : undefined;
  if (one) return { ok: true, option: one.option, label: one.label };
  return {
    ok: false,
    message: `${near.length > 1 ? `"${named}" could be several options` : `No option "${named}"`}; the options: ${choices}.`,
  };
}

/** The SWOT form: `swot:<workshopId>` with the scorecard's options to choose from. */
export function swotForm(workshopId: string, options: SwotView["options"]): Reply {
  return {
    visibility: "ephemeral",
    text: "Add to the SWOT",
    form: {
      formId: `swot:${workshopId}`,
      title: "Add to the SWOT",
      submitLabel: "Add",
      fields: [
        {
          id: "option",
          label: "Option",
          kind: "choice",
          ...(options[0] ? { initial: options[0].option } : {}),
          options: options.map((o) => ({ value: o.option, label: o.label })),
        },
        {
          id: "quadrant",
          label: "Quadrant",
          kind: "choice",
          initial: "strength",
          options: SWOT_QUADRANTS.map((q) => ({ value: q, label: q[0]?.toUpperCase() + q.slice(1) })),
        },
        { id: "text", label: "Text", kind: "paragraph", maxLength: 1000 },
      ],
    },
  };
}
