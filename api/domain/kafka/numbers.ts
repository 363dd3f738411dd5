/**
 * `ceil` that forgives floating-point noise: 0.1 × 3 / 0.1 is 3.0000000000000004 in binary, and a
 * hand calculation says 3, so anything within a billionth of an integer counts as that integer.
 */
export function ceilExact(x: number): number {
  const nearest = Math.round(x);
  if (Math.abs(x - nearest) <= 1e-9 * Math.max(1, Math.abs(x))) return nearest;
  return Math.ceil(x);
}

/** A figure for people: at most `digits` decimals, no binary noise (0.30000000000000004 → 0.3). */
export function tidy(x: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** `12.5`, `3`, `0.333` — a number as the formulas in the answer write it. */
export function fmt(x: number): string {
  return String(tidy(x, 3));
}
