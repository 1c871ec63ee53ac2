import type { Language } from './language.ts';

/** A share as each language writes it: "83 %" (Danish, bokmål) / "83%"; empty when there is nothing to share. */
export function formatShare(part: number, whole: number, lang: Language = 'da'): string {
  if (whole === 0) return '';
  const pct = Math.round((part / whole) * 100);
  return lang === 'en' ? `${pct}%` : `${pct} %`;
}
