import type { Link } from "./types.js";

/** A link as people write it: `design:FS`, `design:FS+1`, `design:SS-2`. */
export function formatLink(link: Link): string {
  const lag = link.lagDays === 0 ? "" : link.lagDays > 0 ? `+${link.lagDays}` : `${link.lagDays}`;
  return `${link.key}:${link.type}${lag}`;
}
