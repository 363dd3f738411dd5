/**
 * Monthly run costs per platform option and environment, pure. Amounts are per month in the item's
 * currency; totals are only added within one currency, so each total names its currency and an option
 * priced in two currencies has two totals. `annual` is 12 × monthly.
 */
export interface CostItem {
  option: string;
  environment: string;
  monthly: number;
  currency: string;
}

export interface CostTotal {
  option: string;
  currency: string;
  monthly: number;
  annual: number;
  byEnvironment: { environment: string; monthly: number }[];
}

/** Rounds to cents so sums of decimal amounts read as written (0.1 + 0.2 = 0.3). */
const cents = (n: number) => Math.round(n * 100) / 100;

export function costTotals(items: readonly CostItem[]): CostTotal[] {
  const totals = new Map<string, CostTotal>();
  for (const item of items) {
    const key = `${item.option}\u0000${item.currency}`;
    let t = totals.get(key);
    if (!t) {
      t = { option: item.option, currency: item.currency, monthly: 0, annual: 0, byEnvironment: [] };
      totals.set(key, t);
    }
    t.monthly = cents(t.monthly + item.monthly);
    const env = t.byEnvironment.find((e) => e.environment === item.environment);
    if (env) env.monthly = cents(env.monthly + item.monthly);
    else t.byEnvironment.push({ environment: item.environment, monthly: cents(item.monthly) });
  }
  for (const t of totals.values()) t.annual = cents(t.monthly * 12);
  return [...totals.values()];
}
