/**
 * The one way text enters iCalendar (RFC 5545). Every property value and parameter value the
 * service writes passes `plainText` first (well-formed Unicode, LF line breaks, no control
 * characters but tab) and then the escaping its position needs, so no text can end a content
 * line, open a component or leave a quoted parameter.
 */

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** C0 and C1 controls except tab (U+0009) and line feed (U+000A): RFC 5545 forbids them in TEXT. */
const CONTROLS = String.raw`\u0000-\u0008\u000B-\u001F\u007F-\u009F`;
const controls = new RegExp(`[${CONTROLS}]`, 'g');

/**
 * Whether a value has a character plainText changes (a control, CR among them, or half of a
 * surrogate pair) or one of `more`, which the writer escapes: most text has none, and is written
 * as it is after this one test instead of the replaces.
 */
const anyOf = (more = '') => new RegExp(`[${CONTROLS}\\uD800-\\uDFFF${more}]`);
const notPlain = anyOf();

/** Text as iCalendar may carry it: lone surrogates become U+FFFD, CR and CRLF become LF. */
export function plainText(value: string): string {
  if (!notPlain.test(value)) return value;
  return value.replace(loneSurrogate, '\uFFFD').replace(/\r\n?/g, '\n').replace(controls, '');
}

const notPlainOrText = anyOf(String.raw`\n\\;,`);
const textSpecials = /[\\;,\n]/g;

/** A TEXT property value (SUMMARY, DESCRIPTION, LOCATION, NAME, UID …): `\`, `;`, `,` and line breaks escaped. */
export function textValue(value: string): string {
  if (!notPlainOrText.test(value)) return value;
  return plainText(value).replace(textSpecials, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

const notPlainOrSpaced = anyOf(String.raw`\t\n`);

/** A value on one line without escaping rules of its own (a URI, an address): line breaks and tabs become spaces. */
export function lineValue(value: string): string {
  if (!notPlainOrSpaced.test(value)) return value.trim();
  return plainText(value)
    .replace(/[\n\t]/g, ' ')
    .trim();
}

const token = /^[A-Za-z0-9/_.+-]+$/;
const notPlainOrParam = anyOf(String.raw`\n\\^"`);

/**
 * A parameter value (CN, DELEGATED-TO, TZID …). Parameters know no backslash escapes: quotes and
 * line breaks are written with RFC 6868's caret escapes inside a quoted string, which ical.js,
 * Outlook and Apple read back; plain tokens stay unquoted. A backslash that readers taking the
 * value as TEXT (ical.js) would see as an escape is doubled.
 */
export function paramValue(value: string): string {
  // most values (a zone, a name with a space) need no more than the quotes, if that
  if (!notPlainOrParam.test(value)) {
    return token.test(value) ? value : `"${value}"`;
  }
  const text = plainText(value);
  if (token.test(text)) return text;
  const escaped = text
    .replace(/\\(?=[\\;,nN])/g, '\\\\')
    .replace(/\^/g, '^^')
    .replace(/"/g, "^'")
    .replace(/\n/g, '^n');
  return `"${escaped}"`;
}

/** A content line folded at 75 octets (RFC 5545 §3.1), never inside a character. */
export function foldLine(line: string): string {
  // a UTF-16 unit is at most 3 octets: 25 of them cannot pass 75
  if (line.length <= 25) return `${line}\r\n`;
  const octetsInAll = Buffer.byteLength(line);
  if (octetsInAll <= 75) return `${line}\r\n`;
  // ASCII only (as many octets as UTF-16 units): a character is an octet, so fold by slicing
  if (octetsInAll === line.length) {
    let out = line.slice(0, 75);
    for (let at = 75; at < line.length; at += 74) out += `\r\n ${line.slice(at, at + 74)}`;
    return `${out}\r\n`;
  }
  // each physical line: as many UTF-16 units as it has octets of room (every unit takes one at least),
  // then characters given back from its end until it fits — a few for text of mostly ASCII. A
  // surrogate pair is one 4-octet character, a lone surrogate 3 (U+FFFD, as Buffer counts it): half
  // a pair cut off at the end counts 3 too, so it is given back before the line can fit.
  let out = '';
  let from = 0;
  let room = 75;
  for (;;) {
    let to = Math.min(from + room, line.length);
    let octets = Buffer.byteLength(line.slice(from, to));
    while (octets > room) {
      const last = line.charCodeAt(to - 1);
      if (isLowSurrogate(last) && to - 2 >= from && isHighSurrogate(line.charCodeAt(to - 2))) {
        octets -= 4;
        to -= 2;
      } else {
        octets -= last < 0x80 ? 1 : last < 0x800 ? 2 : 3;
        to--;
      }
    }
    if (to === line.length) return `${out}${line.slice(from)}\r\n`;
    out += `${line.slice(from, to)}\r\n `;
    from = to;
    room = 74;
  }
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
