/**
 * The neutral content of a report: every section renders to these blocks once, and the Markdown,
 * HTML and PDF writers each render the blocks. So the three formats carry the same content, and a
 * section is written once. All strings are plain text: each writer escapes for its own format.
 */
export type Block =
  | { kind: "paragraph"; text: string; tone?: "note" | "warning" }
  | { kind: "facts"; items: { label: string; value: string }[] }
  | { kind: "list"; items: string[]; ordered?: boolean }
  | {
      kind: "table";
      caption: string;
      head: string[];
      rows: string[][];
      /** Per column; "right" for figures. Left when absent. */
      align?: ("left" | "right")[];
      /** Per row: a CSS class for the HTML writer (e.g. "critical"); ignored elsewhere. */
      rowClass?: (string | null)[];
    }
  | { kind: "subheading"; text: string }
  /**
   * A picture. `svg` comes from the pure SVG functions in ./svg (which escape every text they
   * draw); `alt` stands in for it where pictures cannot go (Markdown, PDF).
   */
  | { kind: "figure"; svg: string; alt: string };

/** A section's answer: its data, or why there is none yet (the report works at any moment). */
export type Loaded<T> = { status: "ok"; data: T } | { status: "missing"; reason: string };

export const ok = <T>(data: T): Loaded<T> => ({ status: "ok", data });
export const missing = <T = never>(reason: string): Loaded<T> => ({ status: "missing", reason });
