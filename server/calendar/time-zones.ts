/**
 * Time zones for calendar data. Outlook needs a VTIMEZONE block for every TZID it is sent, and
 * ical-generator leaves writing it to us; the zones the service uses all follow the EU rules
 * (CET/CEST, changes on the last Sunday of March and October at 01:00 UTC).
 */
const centralEuropean = new Set([
  'Europe/Copenhagen',
  'Europe/Oslo',
  'Europe/Stockholm',
  'Europe/Berlin',
  'Europe/Amsterdam',
  'Europe/Brussels',
  'Europe/Paris',
  'Europe/Vienna',
]);

export function hasTimeZoneDefinition(tz: string): boolean {
  return centralEuropean.has(tz);
}

/** The VTIMEZONE block for a zone, or null for zones without a definition here. */
export function vtimezone(tz: string): string | null {
  if (!centralEuropean.has(tz)) return null;
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${tz}`,
    `X-LIC-LOCATION:${tz}`,
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
    '',
  ].join('\r\n');
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of an instant in a zone, from Intl (independent of the process's TZ). */
export function wallClock(instant: Date, tz: string): Date {
  let format = partFormatters.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(tz, format);
  }
  const f: Record<string, number> = {};
  for (const p of format.formatToParts(instant)) if (p.type !== 'literal') f[p.type] = Number(p.value);
  // a UTC Date whose UTC fields are the zone's wall-clock fields
  return new Date(Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!));
}

/**
 * A Date that ical-generator formats in a named zone: it recognises objects with `internal`,
 * `withTimeZone` and `tzComponents` (the @date-fns/tz TZDate shape) and reads the wall-clock
 * fields from `withTimeZone(tz)`. A plain Date would be written in the process's local zone.
 */
export class ZonedInstant extends Date {
  readonly internal: Date;
  constructor(instant: Date | string) {
    super(typeof instant === 'string' ? Date.parse(instant) : instant.getTime());
    this.internal = new Date(this.getTime());
  }
  withTimeZone(tz: string): Date {
    const wall = wallClock(this, tz);
    const fields = {
      getFullYear: () => wall.getUTCFullYear(),
      getMonth: () => wall.getUTCMonth(),
      getDate: () => wall.getUTCDate(),
      getHours: () => wall.getUTCHours(),
      getMinutes: () => wall.getUTCMinutes(),
      getSeconds: () => wall.getUTCSeconds(),
    };
    return Object.assign(wall, fields);
  }
  tzComponents(): Record<string, number> {
    return {};
  }
}
