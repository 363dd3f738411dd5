import Holidays from "date-holidays";

/**
 * Public holidays from `date-holidays` (maintained rules for ~200 countries and their
 * subdivisions). Only holidays of type `public` count; bank, school, optional and observance days
 * are working days. A region is `GB`, or a country and one of its subdivisions: `DE-BY`, `GB-SCT`.
 * The rules come with the library, so a library upgrade may change a plan's dates.
 */

export interface PublicHoliday {
  date: string;
  name: string;
}

const REGION_RE = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$/;

const instances = new Map<string, Holidays>();
const byYear = new Map<string, PublicHoliday[]>();

function holidaysFor(region: string): Holidays | null {
  const cached = instances.get(region);
  if (cached) return cached;
  const m = REGION_RE.exec(region);
  if (!m?.[1]) return null;
  const [, country, state] = m;
  const catalogue = new Holidays();
  if (!(country in catalogue.getCountries())) return null;
  if (state && !(state in (catalogue.getStates(country) ?? {}))) return null;
  const hd = state
    ? new Holidays(country, state, { types: ["public"], languages: ["en"] })
    : new Holidays(country, { types: ["public"], languages: ["en"] });
  instances.set(region, hd);
  return hd;
}

/** Whether `region` names a country (`GB`) or a subdivision (`DE-BY`) the library knows. */
export function isKnownHolidayRegion(region: string): boolean {
  return holidaysFor(region) !== null;
}

/** The public holidays of `region` in `year`, in date order; substitute days included. */
export function publicHolidays(region: string, year: number): PublicHoliday[] {
  const key = `${region}:${year}`;
  const cached = byYear.get(key);
  if (cached) return cached;
  const hd = holidaysFor(region);
  if (!hd) throw new RangeError(`unknown holiday region ${region}`);
  const list = hd
    .getHolidays(year, "en")
    .filter((h) => h.type === "public")
    // `date` is local to the country ("2025-12-25 00:00:00"), so no time zone can shift it.
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (byYear.size > 5000) byYear.clear();
  byYear.set(key, list);
  return list;
}
