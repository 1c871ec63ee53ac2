/** Markup that is already safe: built by `html` (which escaped every value) or vouched for with `raw`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

const SPECIAL = /[&<>"'`]/;
const SPECIALS = /[&<>"'`]/g;

/** Most texts have nothing to escape: testing first costs a third of a replace that finds nothing. */
export function escapeHtml(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIALS, escapeChar) : value;
}

/** Made once, not a new function for every text that has something to escape. */
const escapeChar = (c: string) => ESCAPES[c]!;

/** A value a template may hold: text is escaped, arrays are joined, null/undefined/false print nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  // text and markup first: nearly every value is one or the other
  if (typeof value === 'string') return escapeHtml(value);
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false || value === true) return '';
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value) out += render(item);
    return out;
  }
  return escapeHtml(String(value));
}

/** Tagged template: every interpolation is escaped unless it is SafeHtml, so names stay text. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Trusted markup only (our own constants): never pass anything a user typed. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Escaped text with its line breaks kept. */
export function htmlLines(value: string): SafeHtml {
  const escaped = escapeHtml(value);
  return new SafeHtml(escaped.includes('\n') ? escaped.replace(/\r?\n/g, '<br>') : escaped);
}
