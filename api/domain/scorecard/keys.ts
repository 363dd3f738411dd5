/**
 * Keys of poll options and factors: short, URL- and button-safe slugs. Chat buttons carry them in
 * their action ids (Slack allows 255 characters), so a key is at most 40 characters and a view name
 * at most 20.
 */
export const KEY_RE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const VIEW_RE = /^[a-z0-9][a-z0-9_-]{0,19}$/;
export const KEY_MAX = 40;

/** "AWS MSK" → "aws-msk"; "Fit with strategic direction (cloud, …)" → its first 40 characters, slugged. */
export function slugKey(label: string): string {
  const slug = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, KEY_MAX)
    .replace(/-+$/, "");
  return slug || "x";
}

/**
 * Keys for a list of labelled things: an explicit key is kept; a missing one is the label's slug,
 * made unique with "-2", "-3", …. `duplicates` are the indexes whose explicit key, or whose label,
 * repeats an earlier one.
 */
export function assignKeys(items: readonly { key?: string | undefined; label: string }[]): {
  keys: string[];
  duplicates: number[];
} {
  const taken = new Set(items.map((i) => i.key).filter((k): k is string => Boolean(k)));
  const seenKeys = new Set<string>();
  const seenLabels = new Set<string>();
  const keys: string[] = [];
  const duplicates: number[] = [];
  items.forEach((item, index) => {
    const label = item.label.trim().toLowerCase();
    let key = item.key;
    if (!key) {
      const base = slugKey(item.label);
      key = base;
      for (let n = 2; taken.has(key); n++) key = `${base.slice(0, KEY_MAX - String(n).length - 1)}-${n}`;
      taken.add(key);
    }
    if (seenKeys.has(key) || seenLabels.has(label)) duplicates.push(index);
    seenKeys.add(key);
    seenLabels.add(label);
    keys.push(key);
  });
  return { keys, duplicates };
}
