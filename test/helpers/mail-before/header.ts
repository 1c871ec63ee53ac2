// The code as it was before it was made faster (a4d3884), kept to compare the new against.
/** One line for a mail header: no CR/LF or other control characters, no runs of spaces. */
export function headerText(value: string): string {
  return value
    .replace(/\p{Cc}+|[\u2028\u2029]+/gu, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
