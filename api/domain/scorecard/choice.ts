/**
 * A single- or multiple-choice poll's tally, pure. `share` is the fraction of the poll's voters who
 * chose the option (so with multiple choice the shares may add up to more than 1); options come back
 * in the poll's order, each with its rank by count (equal counts share a rank; 0 votes have none).
 */

export interface ChoiceTally {
  option: string;
  label: string;
  count: number;
  share: number;
  rank: number | null;
}

export function tallyChoice(input: {
  options: readonly { key: string; label: string }[];
  counts: readonly { option: string; count: number }[];
  voters: number;
}): ChoiceTally[] {
  const tallies = input.options.map((o) => {
    const count = input.counts.filter((c) => c.option === o.key).reduce((s, c) => s + c.count, 0);
    return { option: o.key, label: o.label, count, share: input.voters > 0 ? count / input.voters : 0 };
  });
  const distinct = [...new Set(tallies.map((t) => t.count).filter((c) => c > 0))].sort((a, b) => b - a);
  return tallies.map((t) => ({ ...t, rank: t.count > 0 ? distinct.indexOf(t.count) + 1 : null }));
}
