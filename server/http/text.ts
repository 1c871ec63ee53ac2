import { z } from 'zod';

/**
 * One text schema for every text field that enters the service (raw inbound mail aside):
 * CR and CRLF become LF; lone surrogates and C0/C1 control characters other than tab and line
 * feed are refused (400 naming the field); each kind of field has its maximum length, which the
 * OpenAPI document shows as maxLength.
 */
export const textLimits = {
  /** codes, keys and filters: a district code, an entity name */
  code: 50,
  /** search words */
  search: 100,
  /** names of people, organisations, themes; titles */
  name: 300,
  /** one line of place or address */
  line: 500,
  /** reasons, comments, descriptions, list items */
  reason: 2000,
  /** notes and longer descriptions */
  note: 5000,
  /** minutes of a meeting, mapping notes */
  minutes: 20_000,
  /** the full text of an agreement */
  document: 100_000,
} as const;
export type TextKind = keyof typeof textLimits;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it refuses
const control = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** The marker on the issues this module raises, so the pages can say it in Danish. */
export const TEXT_HYGIENE = 'text-hygiene';

/** Why a text is refused, or null; run after line breaks are normalised. */
export function textFault(value: string): string | null {
  if (loneSurrogate.test(value)) return 'contains broken Unicode (a lone surrogate)';
  const c = control.exec(value);
  if (c) {
    const code = c[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `contains the control character U+${code}; only tab and line breaks are allowed`;
  }
  return null;
}

/** CR and CRLF as LF. */
export function normaliseLineBreaks(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

/** A text field of a kind: normalised, checked, trimmed unless `keepSpace`, and at most the kind's length. */
export function Text(kind: TextKind, options: { keepSpace?: boolean } = {}) {
  const text = z
    .string()
    .overwrite(normaliseLineBreaks)
    .check((ctx) => {
      const fault = textFault(ctx.value);
      if (fault)
        ctx.issues.push({ code: 'custom', message: fault, input: ctx.value, params: { kind: TEXT_HYGIENE } });
    });
  return (options.keepSpace ? text : text.trim()).max(textLimits[kind]);
}

/** A Danish sentence for a refused text, for the pages; null for other issues. */
export function danishTextRefusal(issue: { code: string; params?: Record<string, unknown> }): string | null {
  if (issue.code !== 'custom' || issue.params?.kind !== TEXT_HYGIENE) return null;
  return 'Teksten indeholder et kontroltegn eller ugyldige Unicode-tegn. Skriv den igen uden dem.';
}
