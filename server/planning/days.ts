import { createRequire } from 'node:module';
import { tzOffset } from '@date-fns/tz';
import type DateHolidays from 'date-holidays';

const require = createRequire(import.meta.url);
let loadedDateHolidays: typeof DateHolidays | undefined;

/**
 * date-holidays, loaded with the first holiday or calendar asked for rather than at every start of
 * the service, a command or a test file: its ES build is some 90 modules (lunar calendars
 * included), its CommonJS build one require, with the same data.
 */
export function dateHolidays(): typeof DateHolidays {
  loadedDateHolidays ??= require('date-holidays') as typeof DateHolidays;
  return loadedDateHolidays;
}

/**
 * Calendar arithmetic for the planner. Days are integers (days since 1970-01-01, UTC-free civil
 * dates), so the planner can count and index them without Date objects in its inner loops.
 */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;

export function dayOf(date: string): DayNumber {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

export function dateOf(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: DayNumber): number {
  // 1970-01-01 was a Thursday (4)
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the ISO week the day is in; a week's identity as a number. */
export function mondayOf(day: DayNumber): DayNumber {
  return day - isoWeekday(day) + 1;
}

/** ISO 8601 week number (week 1 holds the year's first Thursday). */
export function isoWeek(day: DayNumber): number {
  const thursday = mondayOf(day) + 3;
  const yearOfThursday = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const firstOfYear = dayOf(`${yearOfThursday}-01-01`);
  return Math.floor((thursday - firstOfYear) / 7) + 1;
}

const holidayCache = new Map<string, Map<string, string>>();

/**
 * A country's (and optionally a region's) public holidays of a year, date → name in the country's
 * language, from date-holidays: helligdage for Denmark, helligdager (1 and 17 May, Easter) for Norway.
 */
export function publicHolidays(
  year: number,
  country = 'DK',
  region: string | null = null,
): Map<string, string> {
  const key = `${country}/${region ?? ''}/${year}`;
  let found = holidayCache.get(key);
  if (!found) {
    found = new Map();
    const Holidays = dateHolidays();
    const calendar = region ? new Holidays(country, region) : new Holidays(country);
    for (const h of calendar.getHolidays(year) || []) {
      // two holidays on one day (17 May and Whit Monday in 2027) keep the first name
      if (h.type === 'public' && !found.has(h.date.slice(0, 10))) found.set(h.date.slice(0, 10), h.name);
    }
    holidayCache.set(key, found);
  }
  return found;
}

/** Danish public holidays (helligdage) of a year, date → Danish name. */
export const danishPublicHolidays = (year: number): Map<string, string> => publicHolidays(year, 'DK');

export function holidayName(date: string, country = 'DK', region: string | null = null): string | undefined {
  return publicHolidays(Number(date.slice(0, 4)), country, region).get(date);
}

/**
 * The zone's UTC offset in minutes at an instant (e.g. +120 in Copenhagen summer time), from the
 * platform's tz database through @date-fns/tz, the same reader the calendar's VTIMEZONE uses.
 */
/**
 * Offsets by zone and instant: a plan or a cycle's page converts thousands of meetings that share a
 * few dozen instants, and each look-up through Intl costs tens of microseconds. Cleared when large.
 */
const offsets = new Map<string, number>();

export function utcOffsetMinutes(instantMs: number, timeZone: string): number {
  const key = `${timeZone} ${instantMs}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 100_000) offsets.clear();
    offset = tzOffset(timeZone, new Date(instantMs)) || 0;
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * A local wall-clock time in a zone as a UTC ISO instant ("2027-03-30T07:30:00.000Z"), read as
 * RFC 5545 reads a DTSTART with TZID, so calendars show what was planned: a time that occurs twice
 * (clocks going back) is the first one; a time the clocks skip takes the offset before the gap.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): string {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  const before = utcOffsetMinutes(asUtc - MS_PER_DAY, timeZone);
  const after = utcOffsetMinutes(asUtc + MS_PER_DAY, timeZone);
  const fits = [asUtc - before * 60_000, asUtc - after * 60_000].filter(
    (instant, i) => utcOffsetMinutes(instant, timeZone) === (i === 0 ? before : after),
  );
  return new Date(fits.length > 0 ? Math.min(...fits) : asUtc - before * 60_000).toISOString();
}

/** A UTC instant as the local date and HH:MM in a zone. */
export function utcToZoned(instant: string, timeZone: string): { date: string; time: string } {
  const ms = Date.parse(instant);
  const local = new Date(ms + utcOffsetMinutes(ms, timeZone) * 60_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}
