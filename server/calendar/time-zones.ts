import { tzOffset, tzScan } from '@date-fns/tz';
import { remembered, shortZoneName } from '../text/dates.ts';

/**
 * Time zones for calendar data, from the tz database the platform ships (Intl, read through
 * @date-fns/tz) — the same data the planner used to turn local times into instants, so the
 * VTIMEZONE a recipient reads can never disagree with the time that was planned.
 */

const MINUTE = 60_000;

/** A UTC Date whose UTC fields are the zone's wall-clock fields at an instant (for DTSTART;TZID=…). */
export function wallClock(instant: Date, timeZone: string): Date {
  const time = instant.getTime();
  const offset = remembered(offsets, `${timeZone} ${time}`, () => tzOffset(timeZone, instant));
  return new Date(time + offset * MINUTE);
}

/**
 * Offsets in minutes by zone and instant: tzOffset formats the instant with Intl (a microsecond or
 * so), and a meeting's start and end are written again for every language and every change.
 */
const offsets = new Map<string, number>();

const known = new Map<string, boolean>();

/** Whether the tz database knows the zone; asked for every time written, so kept per name. */
export function isKnownTimeZone(timeZone: string): boolean {
  return remembered(
    known,
    timeZone,
    () => !Number.isNaN(tzOffset(timeZone, new Date(0))) && timeZone.includes('/'),
  );
}

interface Transition {
  at: number;
  from: number;
  to: number;
}

const YEAR = 366 * 24 * 60 * MINUTE;

/**
 * Offset changes between two instants. tzScan finds them to the hour; the last hour is searched
 * to the minute, since some zones change on the half hour (Australia/Lord_Howe).
 */
function transitions(timeZone: string, start: number, end: number): Transition[] {
  return tzScan(timeZone, { start: new Date(start), end: new Date(end) }).map((change) => {
    const to = change.offset;
    let before = change.date.getTime() - 60 * MINUTE;
    let after = change.date.getTime();
    const from = tzOffset(timeZone, new Date(before));
    while (after - before > MINUTE) {
      const middle = before + Math.floor((after - before) / 2 / MINUTE) * MINUTE;
      if (tzOffset(timeZone, new Date(middle)) === from) before = middle;
      else after = middle;
    }
    return { at: after, from, to };
  });
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** Local wall time of an instant at an offset, as an iCalendar DATE-TIME without zone. */
function localText(instant: number, offsetMinutes: number): string {
  return new Date(instant + offsetMinutes * MINUTE)
    .toISOString()
    .replace(/\.\d{3}Z$/, '')
    .replace(/[-:]/g, '');
}

/** Short zone names in English as written in Britain (CET, CEST, BST), then in the US (EST, PDT). */
const zoneNameLocales = ['en-GB', 'en-US'];

/**
 * The customary short name of the zone's time at an instant, for TZNAME (RFC 5545 §3.8.3.2): CET and
 * CEST for the Nordic zones, where the US English names read GMT+1 and GMT+2; a zone without a
 * customary abbreviation in either gets its offset ("GMT+3").
 */
export function customaryZoneName(timeZone: string, at: number): string {
  let name = '';
  for (const locale of zoneNameLocales) {
    name = shortZoneName(at, timeZone, locale).replace(/[^\w+-]/g, '');
    if (name && !/^GMT[+-]/.test(name)) break;
  }
  return name;
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', timeZone: string, t: Transition): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${localText(t.at, t.from)}`,
    `TZOFFSETFROM:${offsetText(t.from)}`,
    `TZOFFSETTO:${offsetText(t.to)}`,
    `TZNAME:${customaryZoneName(timeZone, t.at)}`,
    `END:${kind}`,
  ];
}

/**
 * The VTIMEZONE block for any IANA zone over [start, end]: the offset in force at the start and
 * every change up to the end, each as its own observance (RFC 5545 §3.6.5). A change counts as
 * daylight time when its offset is above the lowest one of the following year.
 */
export function vtimezone(timeZone: string, start: number, end: number): string | null {
  if (!isKnownTimeZone(timeZone)) return null;
  const key = `${timeZone} ${start} ${end}`;
  const cached = blocks.get(key);
  if (cached !== undefined) return cached;
  const initial = tzOffset(timeZone, new Date(start));
  // scanned a year past the end, so the last changes can be told apart as daylight or standard time
  const changes = [{ at: start, from: initial, to: initial }, ...transitions(timeZone, start, end + YEAR)];
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, `X-LIC-LOCATION:${timeZone}`];
  for (const t of changes) {
    if (t.at > end) break;
    const yearAfter = changes.filter((n) => n.at > t.at && n.at <= t.at + YEAR).map((n) => n.to);
    const daylight = t.to > Math.min(t.to, ...yearAfter);
    lines.push(...observance(daylight ? 'DAYLIGHT' : 'STANDARD', timeZone, t));
  }
  lines.push('END:VTIMEZONE', '');
  const block = lines.join('\r\n');
  if (blocks.size > 1000) blocks.clear();
  blocks.set(key, block);
  return block;
}

const blocks = new Map<string, string>();

/**
 * VTIMEZONE blocks covering the given instants with a year's margin on
 * each side (from 1 January of the year before to 1 January two years after).
 */
export function vtimezoneWindow(instants: (string | Date)[]): (timeZone: string) => string | null {
  let first = new Date().getUTCFullYear();
  let last = first;
  for (const instant of instants) {
    const year = new Date(instant).getUTCFullYear();
    // an invalid date: no window, as Math.min and Math.max would have it
    if (Number.isNaN(year)) {
      first = year;
      last = year;
      break;
    }
    if (year < first) first = year;
    if (year > last) last = year;
  }
  const start = Date.UTC(first - 1, 0, 1);
  const end = Date.UTC(last + 2, 0, 1);
  return (timeZone) => vtimezone(timeZone, start, end);
}
