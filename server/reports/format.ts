export type Lang = 'da' | 'en';

const MONTHS: Record<Lang, string[]> = {
  da: [
    'januar',
    'februar',
    'marts',
    'april',
    'maj',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** "12. marts 2027" (Danish) or "12 March 2027"; accepts YYYY-MM-DD or an instant (shown in Copenhagen). */
export function formatDanishDate(value: string | null | undefined, lang: Lang = 'da'): string {
  if (!value) return '';
  const date = value.length === 10 ? value : copenhagenDay(value);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const month = MONTHS[lang][m - 1];
  return lang === 'da' ? `${d}. ${month} ${y}` : `${d} ${month} ${y}`;
}

/** "kl. 09.30" / "09:30" in Copenhagen. */
export function formatTime(instant: string, lang: Lang = 'da'): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const h = parts.find((p) => p.type === 'hour')!.value;
  const min = parts.find((p) => p.type === 'minute')!.value;
  return lang === 'da' ? `kl. ${h}.${min}` : `${h}:${min}`;
}

function copenhagenDay(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
}

/** A share as Danish users write it: "83 %" / "83%". */
export function formatShare(part: number, whole: number, lang: Lang = 'da'): string {
  if (whole === 0) return '';
  const pct = Math.round((part / whole) * 100);
  return lang === 'da' ? `${pct} %` : `${pct}%`;
}
