/**
 * Time zones for ical-generator: the VTIMEZONE block Outlook needs next to TZID= times, and
 * zone-aware dates (ical-generator formats a plain Date in the process's own zone).
 */

const HOUR = 3600_000;

function wallClock(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** Minutes east of UTC at an instant. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The last Sunday of a month at 01:00 UTC: when the EU changes its clocks. */
function euSwitch(year: number, month: number): Date {
  const last = new Date(Date.UTC(year, month, 0, 1));
  return new Date(last.getTime() - last.getUTCDay() * 24 * HOUR);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function abbreviation(minutes: number): string {
  const known: Record<number, string> = { 0: 'GMT', 60: 'CET', 120: 'CEST', 180: 'EEST' };
  return known[minutes] ?? `UTC${formatOffset(minutes)}`;
}

function localStart(instant: Date, offset: number): string {
  const local = new Date(instant.getTime() + offset * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCFullYear()}${p(local.getUTCMonth() + 1)}${p(local.getUTCDate())}T${p(local.getUTCHours())}${p(local.getUTCMinutes())}00`;
}

const cache = new Map<string, string | null>();

/**
 * A VTIMEZONE for zones that keep the EU's summer time rule (all of Denmark and Norway) or none;
 * null for others (ical-generator then writes no block). The rule is checked against the
 * platform's own time zone data before it is written.
 */
export function vtimezone(timeZone: string): string | null {
  if (cache.has(timeZone)) return cache.get(timeZone)!;
  let block: string | null = null;
  try {
    const year = new Date().getUTCFullYear();
    const standard = offsetMinutes(new Date(Date.UTC(year, 0, 15)), timeZone);
    const summer = offsetMinutes(new Date(Date.UTC(year, 6, 15)), timeZone);
    const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, `X-LIC-LOCATION:${timeZone}`];
    if (standard === summer) {
      lines.push(
        'BEGIN:STANDARD',
        `TZOFFSETFROM:${formatOffset(standard)}`,
        `TZOFFSETTO:${formatOffset(standard)}`,
        `TZNAME:${abbreviation(standard)}`,
        'DTSTART:19700101T000000',
        'END:STANDARD',
      );
    } else {
      const spring = euSwitch(year, 3);
      const autumn = euSwitch(year, 10);
      const followsEu =
        offsetMinutes(new Date(spring.getTime() - HOUR), timeZone) === standard &&
        offsetMinutes(spring, timeZone) === summer &&
        offsetMinutes(new Date(autumn.getTime() - HOUR), timeZone) === summer &&
        offsetMinutes(autumn, timeZone) === standard;
      if (!followsEu) throw new Error('not the EU rule');
      lines.push(
        'BEGIN:DAYLIGHT',
        `TZOFFSETFROM:${formatOffset(standard)}`,
        `TZOFFSETTO:${formatOffset(summer)}`,
        `TZNAME:${abbreviation(summer)}`,
        `DTSTART:${localStart(euSwitch(1970, 3), standard)}`,
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
        'END:DAYLIGHT',
        'BEGIN:STANDARD',
        `TZOFFSETFROM:${formatOffset(summer)}`,
        `TZOFFSETTO:${formatOffset(standard)}`,
        `TZNAME:${abbreviation(standard)}`,
        `DTSTART:${localStart(euSwitch(1970, 10), summer)}`,
        'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
        'END:STANDARD',
      );
    }
    lines.push('END:VTIMEZONE');
    block = lines.join('\r\n');
  } catch {
    block = null;
  }
  cache.set(timeZone, block);
  return block;
}

/**
 * An instant as ical-generator's Temporal.ZonedDateTime stub, so DTSTART;TZID=… carries the
 * wall-clock time in that zone whatever the server's own zone is.
 */
export function zonedDateTime(instant: Date | string, timeZone: string) {
  const at = new Date(instant);
  const w = wallClock(at, timeZone);
  const plain = {
    ...w,
    toPlainDate: () => ({ year: w.year, month: w.month, day: w.day }),
    toZonedDateTime: (zone: string) => zonedDateTime(at, zone),
    toString: () => JSON.stringify(w),
    toJSON: () => JSON.stringify(w),
  };
  return {
    ...w,
    timeZoneId: timeZone,
    toPlainDateTime: () => plain,
    withTimeZone: (zone: string) => zonedDateTime(at, zone),
    toInstant: () => ({ epochMilliseconds: at.getTime(), toString: () => at.toISOString() }),
    toString: () => `${at.toISOString()}[${timeZone}]`,
    toJSON: () => `${at.toISOString()}[${timeZone}]`,
  };
}
