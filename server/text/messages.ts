import type { Catalogue } from './catalogue.ts';
import { da } from './catalogues/da.ts';
import { en } from './catalogues/en.ts';
import { nb } from './catalogues/nb.ts';
import type { Language } from './language.ts';

const catalogues: Record<Language, Catalogue> = { da, en, nb };

/** The catalogue of one language: `catalogueFor(lang).common.greeting(name)`. */
export function catalogueFor(lang: Language): Catalogue {
  return catalogues[lang];
}

/** The word for a stored code, or the code itself when the catalogue has none (a value from an older version). */
export function labelFor<K extends string>(words: Record<K, string | undefined>, code: string): string {
  return (words as Record<string, string | undefined>)[code] ?? code;
}
