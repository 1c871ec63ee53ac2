/** Formatting shared by the email templates: dates in the meeting's zone, safe text and HTML. */
export type Language = 'da' | 'en';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, tz: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${tz}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: tz, ...options });
    cache.set(key, f);
  }
  return f;
}

const locales: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

/** "12. marts 2027" / "12 March 2027" */
export function longDate(instant: string, tz: string, lang: Language): string {
  return formatter(locales[lang], tz, { day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(instant),
  );
}

/** "fredag den 12. marts 2027" (Intl adds the "den") / "Friday 12 March 2027" */
export function weekdayDate(instant: string, tz: string, lang: Language): string {
  const text = formatter(locales[lang], tz, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(instant));
  return lang === 'da' ? text : text.replace(',', '');
}

/** "09.00" / "09:00" */
export function clockTime(instant: string, tz: string, lang: Language): string {
  return formatter(locales[lang], tz, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

/** "onsdag den 3. marts 2027 kl. 09.00–15.00": a meeting's time in Danish, in its own zone. */
export function danishWhen(startsAt: string, endsAt: string, tz = 'Europe/Copenhagen'): string {
  return `${weekdayDate(startsAt, tz, 'da')} kl. ${clockTime(startsAt, tz, 'da')}–${clockTime(endsAt, tz, 'da')}`;
}

/** One line for a header: no CR/LF or other control characters, no runs of spaces. */
export function headerText(value: string): string {
  return value
    .replace(/\p{Cc}+|[\u2028\u2029]+/gu, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escaped text with its line breaks kept. */
export function htmlLines(value: string): string {
  return escapeHtml(value).replace(/\r?\n/g, '<br>');
}
