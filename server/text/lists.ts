import { type Language, locales } from './language.ts';

const conjunctions = new Map<Language, Intl.ListFormat>();

/** "tirsdag, onsdag og torsdag" / "Tuesday, Wednesday and Thursday", from Intl.ListFormat. */
export function listText(items: string[], lang: Language = 'da'): string {
  let format = conjunctions.get(lang);
  if (!format) {
    format = new Intl.ListFormat(locales[lang], { type: 'conjunction' });
    conjunctions.set(lang, format);
  }
  return format.format(items);
}

/** The sentence's first letter in upper case: "torsdag 14. januar …" opens as "Torsdag 14. januar …". */
export function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
