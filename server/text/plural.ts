import { type Language, locales } from './language.ts';

const rules = new Map<Language, Intl.PluralRules>();

/** The plural form a count takes in a language ("1 person", "2 personer"), from Intl.PluralRules. */
export function plural(lang: Language, count: number, forms: { one: string; other: string }): string {
  let rule = rules.get(lang);
  if (!rule) {
    rule = new Intl.PluralRules(locales[lang]);
    rules.set(lang, rule);
  }
  return rule.select(count) === 'one' ? forms.one : forms.other;
}
