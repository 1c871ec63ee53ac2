import { languages } from '../../db/schema/register.ts';

/** The languages a person can read Samråd in: one list, kept with the person's column in the schema. */
export { languages };
export type Language = (typeof languages)[number];

/** The locale each language formats dates, numbers and plurals with. */
export const locales: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** A stored or requested language, Danish when it is missing or unknown. */
export function languageOr(value: unknown, fallback: Language = 'da'): Language {
  return isLanguage(value) ? value : fallback;
}
