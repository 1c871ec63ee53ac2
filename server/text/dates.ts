import { type Language, locales } from './language.ts';

/** Dates and times as people read them, from Intl.DateTimeFormat: month and weekday names come from there. */

const SHAPES = {
  day: { day: 'numeric', month: 'long', year: 'numeric' },
  weekdayDay: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  weekday: { weekday: 'long' },
  dayMonth: { day: 'numeric', month: 'long' },
  month: { month: 'long' },
  clock: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  isoDay: { year: 'numeric', month: '2-digit', day: '2-digit' },
  zoneName: { timeZoneName: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** One formatter per shape, language and zone, made once: the planner formats thousands of dates. */
function formatter(shape: keyof typeof SHAPES, locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${shape}|${locale}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...SHAPES[shape] });
    formatters.set(key, f);
  }
  return f;
}

/** The zone's short name at an instant as the locale writes it ("CET", "EST", "GMT+1"). */
export function shortZoneName(at: number, timeZone: string, locale: string): string {
  return (
    formatter('zoneName', locale, timeZone)
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? ''
  );
}

/** Calendar dates (YYYY-MM-DD) are formatted as midnight UTC in UTC, so no zone can move them a day. */
const calendarDay = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * An instant formatted in a shape, zone and language, made once: a meeting's mail, calendar and
 * pages show the same few instants again and again, and each Intl format costs microseconds.
 */
function zonedText(shape: keyof typeof SHAPES, instant: string, timeZone: string, lang: Language): string {
  return remembered(zonedTexts, `${shape}|${lang}|${timeZone}|${instant}`, () => {
    const text = formatter(shape, locales[lang], timeZone).format(new Date(instant));
    // "Friday, 12 March 2027" in English: no comma after the weekday
    return shape === 'weekdayDay' && lang === 'en' ? text.replace(',', '') : text;
  });
}

const zonedTexts = new Map<string, string>();

/** "12. marts 2027" / "12 March 2027": a meeting's day in its zone. */
export function longDate(instant: string, timeZone: string, lang: Language): string {
  return zonedText('day', instant, timeZone, lang);
}

/** "fredag den 12. marts 2027" (Intl adds the "den") / "fredag 12. mars 2027" / "Friday 12 March 2027" */
export function weekdayDate(instant: string, timeZone: string, lang: Language): string {
  return zonedText('weekdayDay', instant, timeZone, lang);
}

/** "09.00" / "09:00" */
export function clockTime(instant: string, timeZone: string, lang: Language): string {
  return zonedText('clock', instant, timeZone, lang);
}

/**
 * "onsdag den 3. marts 2027 kl. 09.00–15.00" / "onsdag 3. mars 2027 kl. 09:00–15:00" /
 * "Wednesday 3 March 2027 09:00–15:00": a meeting's time in its zone.
 */
export function meetingTime(startsAt: string, endsAt: string, timeZone: string, lang: Language): string {
  return remembered(meetingTimeTexts, `${startsAt}|${endsAt}|${timeZone}|${lang}`, () => {
    const clock = lang === 'en' ? '' : ' kl.';
    return `${weekdayDate(startsAt, timeZone, lang)}${clock} ${clockTime(startsAt, timeZone, lang)}–${clockTime(endsAt, timeZone, lang)}`;
  });
}

/** A value (a text, mostly) made once per key and kept, up to 10,000 keys (then the map starts over). */
export function remembered<T>(made: Map<string, T>, key: string, make: () => T): T {
  let value = made.get(key);
  if (value === undefined) {
    if (made.size >= 10_000) made.clear();
    value = make();
    made.set(key, value);
  }
  return value;
}

/**
 * A meeting's time as text, made once: every answer page and email of a meeting shows the same
 * time, and three Intl formats per view were a sixth of the answer page's work.
 */
const meetingTimeTexts = new Map<string, string>();

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone. */
export function zonedDay(instant: string, timeZone: string): string {
  // Canadian English writes dates as YYYY-MM-DD
  return formatter('isoDay', 'en-CA', timeZone).format(new Date(instant));
}

/**
 * "12. marts 2027" / "12 March 2027" from a calendar date (YYYY-MM-DD) or an instant (shown as its
 * day in `timeZone`); empty for no value.
 */
export function dayDate(
  value: string | null | undefined,
  lang: Language = 'da',
  timeZone = 'Europe/Copenhagen',
): string {
  if (!value) return '';
  const date = value.length === 10 ? value : zonedDay(value, timeZone);
  return remembered(calendarDayTexts, `${lang}|${date}`, () =>
    formatter('day', locales[lang], 'UTC').format(calendarDay(date)),
  );
}

/**
 * Calendar days as text, by language: an export writes two dates on each of 100,000 rows, from a few
 * hundred distinct days, and Intl formatting costs microseconds each.
 */
const calendarDayTexts = new Map<string, string>();

/** "tirsdag 30. marts 2027" / "Tuesday 30 March 2027" for a calendar date (YYYY-MM-DD). */
export function weekdayDayDate(date: string, lang: Language = 'da'): string {
  return `${weekdayName(date, lang)} ${dayDate(date, lang)}`;
}

/** "tirsdag" / "Tuesday" for a calendar date (YYYY-MM-DD). */
/** Weekday names by language and date: a plan names thousands of days, a few hundred distinct. */
const weekdayNames = new Map<string, string>();

export function weekdayName(date: string, lang: Language = 'da'): string {
  const key = `${lang} ${date}`;
  let name = weekdayNames.get(key);
  if (name === undefined) {
    if (weekdayNames.size > 50_000) weekdayNames.clear();
    name = formatter('weekday', locales[lang], 'UTC').format(calendarDay(date));
    weekdayNames.set(key, name);
  }
  return name;
}

/** "mandag" … "søndag" for ISO weekday 1 … 7. */
export function isoWeekdayName(isoDay: number, lang: Language = 'da'): string {
  // 2024-01-01 was a Monday
  return weekdayName(`2024-01-0${isoDay}`, lang);
}

/** "kl. 09.30" / "kl. 09:30" / "09:30": a clock time in a zone, as a report writes it. */
export function clockLabel(instant: string, lang: Language = 'da', timeZone = 'Europe/Copenhagen'): string {
  const time = clockTime(instant, timeZone, lang);
  return lang === 'en' ? time : `kl. ${time}`;
}

/** "14. januar" / "14 January" for a calendar date (YYYY-MM-DD): the year is said elsewhere. */
export function dayMonth(date: string, lang: Language = 'da'): string {
  return formatter('dayMonth', locales[lang], 'UTC').format(calendarDay(date));
}

/** "torsdag 14. januar" / "Thursday 14 January" for a calendar date (YYYY-MM-DD). */
export function weekdayDayMonth(date: string, lang: Language = 'da'): string {
  return `${weekdayName(date, lang)} ${dayMonth(date, lang)}`;
}

/** "juli" / "July" for month 1 … 12. */
export function monthName(month: number, lang: Language = 'da'): string {
  return formatter('month', locales[lang], 'UTC').format(
    calendarDay(`2024-${String(month).padStart(2, '0')}-01`),
  );
}

/** "09.30" (Danish) / "09:30" (bokmål and English, as Intl writes them) for a local clock time written HH:MM. */
export function clockText(time: string, lang: Language = 'da'): string {
  return lang === 'da' ? time.replace(':', '.') : time;
}
