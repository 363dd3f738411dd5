/**
 * JSON with object keys sorted at every level, so equal values give equal text whatever order their
 * keys were built or stored in (PostgreSQL's jsonb, for one, reorders them). Undefined properties
 * are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
