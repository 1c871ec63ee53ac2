/** What the replaces below change: a control character, a line or paragraph separator, a run of spaces. */
const UNCLEAN = /[\p{Cc}\u2028\u2029]|\s\s/u;

/** One line for a mail header: no CR/LF or other control characters, no runs of spaces. */
export function headerText(value: string): string {
  // most names and titles have none of it: one test instead of two replaces
  if (!UNCLEAN.test(value)) return value.trim();
  return value
    .replace(/\p{Cc}+|[\u2028\u2029]+/gu, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
