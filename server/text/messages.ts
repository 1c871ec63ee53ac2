import type { Catalogue } from './catalogue.ts';
import { da } from './catalogues/da.ts';
import { en } from './catalogues/en.ts';
import { nb } from './catalogues/nb.ts';
import type { Language } from './language.ts';

/**
 * The words for stored codes (labels) are looked up by codes read from the database, which another
 * process or an older version may have written: maps without a prototype, so that a code such as
 * "toString" finds no word (every export writes an empty cell for an unknown code, as SQLite's own
 * CSV lines do) instead of Object's method. Made so in place, once, where the catalogues are read.
 */
function withPlainLabels(catalogue: Catalogue): Catalogue {
  const labels = catalogue.labels as Record<string, Record<string, string | undefined>>;
  for (const [name, words] of Object.entries(labels))
    labels[name] = Object.assign(Object.create(null), words);
  return catalogue;
}

const catalogues: Record<Language, Catalogue> = {
  da: withPlainLabels(da),
  en: withPlainLabels(en),
  nb: withPlainLabels(nb),
};

/** The catalogue of one language: `catalogueFor(lang).common.greeting(name)`. */
export function catalogueFor(lang: Language): Catalogue {
  return catalogues[lang];
}

/** The word for a stored code, or the code itself when the catalogue has none (a value from an older version). */
export function labelFor<K extends string>(words: Record<K, string | undefined>, code: string): string {
  // the catalogues' word maps have no prototype (withPlainLabels): a code like toString finds no word
  return (words as Record<string, string | undefined>)[code] ?? code;
}
