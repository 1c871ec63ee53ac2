/**
 * The languages Samråd has texts in: one message catalogue each (server/text/catalogues/). A
 * person's or programme's language is any row of the `language` table; it reads the catalogue its
 * `texts_from` names.
 */
export const textLanguages = ['da', 'en', 'nb'] as const;
export type Language = (typeof textLanguages)[number];

/** The locale each language formats dates, numbers and plurals with. */
export const locales: Record<Language, string> = { da: 'da-DK', en: 'en-GB', nb: 'nb-NO' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (textLanguages as readonly string[]).includes(value);
}

/** A stored or requested language, Danish when it is missing or unknown. */
export function languageOr(value: unknown, fallback: Language = 'da'): Language {
  return isLanguage(value) ? value : fallback;
}
