/**
 * Days without meetings that move with the year, by name: Grundlovsdag (5 June, no public holiday
 * but a day off for many) and Monday–Wednesday before Easter (many take them off). Settings list the
 * names, so the Danish defaults can be lifted one by one and every year computes its own dates.
 */
export const recurringBlackouts = ['constitution_day', 'days_before_easter'] as const;
export type RecurringBlackout = (typeof recurringBlackouts)[number];

/** The school holidays, Christmas and the named days the default blackouts stand for, so a sentence can name them. */
export type BlackoutName = 'winter' | 'autumn' | 'summer' | 'christmas' | RecurringBlackout;

/** Whether a month-day (MM-DD) lies in a yearly range; from > to wraps over New Year. */
export function inRange(monthDay: string, from: string, to: string): boolean {
  return from <= to ? monthDay >= from && monthDay <= to : monthDay >= from || monthDay <= to;
}

/** Weeks 7–8 are the winter holiday and week 42 the autumn holiday in Danish schools. */
export function weekBlackoutName(week: number): BlackoutName | null {
  return week === 7 || week === 8 ? 'winter' : week === 42 ? 'autumn' : null;
}

export function monthBlackoutName(month: number): BlackoutName | null {
  return month === 7 ? 'summer' : null;
}

export function rangeBlackoutName(from: string, to: string): BlackoutName | null {
  return inRange('12-24', from, to) ? 'christmas' : null;
}

/** Easter Sunday (YYYY-MM-DD) of a Gregorian year, by the anonymous algorithm (Meeus). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const easterCache = new Map<number, number>();

/** Days from Easter Sunday of the date's year to the date (negative before Easter). */
function daysFromEaster(date: string): number {
  const year = Number(date.slice(0, 4));
  let easter = easterCache.get(year);
  if (easter === undefined) {
    easter = Date.parse(`${easterSunday(year)}T00:00:00Z`);
    easterCache.set(year, easter);
  }
  return Math.round((Date.parse(`${date}T00:00:00Z`) - easter) / 86_400_000);
}

/** The named day among `names` that the date (YYYY-MM-DD) falls on, if any. */
export function recurringBlackoutOn(
  date: string,
  names: readonly RecurringBlackout[],
): RecurringBlackout | null {
  for (const name of names) {
    if (name === 'constitution_day' && date.slice(5) === '06-05') return name;
    if (name === 'days_before_easter') {
      const n = daysFromEaster(date);
      // Monday, Tuesday and Wednesday of Holy Week: 6, 5 and 4 days before Easter Sunday
      if (n >= -6 && n <= -4) return name;
    }
  }
  return null;
}
