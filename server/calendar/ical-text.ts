/**
 * The one way text enters iCalendar (RFC 5545). Every property value and parameter value the
 * service writes passes `plainText` first (well-formed Unicode, LF line breaks, no control
 * characters but tab) and then the escaping its position needs, so no text can end a content
 * line, open a component or leave a quoted parameter.
 */

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 and C1 controls except tab (U+0009) and line feed (U+000A); RFC 5545 forbids them in TEXT
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it removes
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Text as iCalendar may carry it: lone surrogates become U+FFFD, CR and CRLF become LF. */
export function plainText(value: string): string {
  return value.replace(loneSurrogate, '\uFFFD').replace(/\r\n?/g, '\n').replace(controls, '');
}

/** A TEXT property value (SUMMARY, DESCRIPTION, LOCATION, NAME, UID …): `\`, `;`, `,` and line breaks escaped. */
export function textValue(value: string): string {
  return plainText(value)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/** A value on one line without escaping rules of its own (a URI, an address): line breaks and tabs become spaces. */
export function lineValue(value: string): string {
  return plainText(value)
    .replace(/[\n\t]/g, ' ')
    .trim();
}

/**
 * A parameter value (CN, DELEGATED-TO, TZID …). Parameters know no backslash escapes: quotes and
 * line breaks are written with RFC 6868's caret escapes inside a quoted string, which ical.js,
 * Outlook and Apple read back; plain tokens stay unquoted. A backslash that readers taking the
 * value as TEXT (ical.js) would see as an escape is doubled.
 */
export function paramValue(value: string): string {
  const text = plainText(value);
  if (/^[A-Za-z0-9/_.+-]+$/.test(text)) return text;
  const escaped = text
    .replace(/\\(?=[\\;,nN])/g, '\\\\')
    .replace(/\^/g, '^^')
    .replace(/"/g, "^'")
    .replace(/\n/g, '^n');
  return `"${escaped}"`;
}

/** A content line folded at 75 octets (RFC 5545 §3.1), never inside a character. */
export function foldLine(line: string): string {
  const octetsInAll = Buffer.byteLength(line);
  if (octetsInAll <= 75) return `${line}\r\n`;
  // ASCII only (as many octets as UTF-16 units): a character is an octet, so fold by slicing
  if (octetsInAll === line.length) {
    let out = line.slice(0, 75);
    for (let at = 75; at < line.length; at += 74) out += `\r\n ${line.slice(at, at + 74)}`;
    return `${out}\r\n`;
  }
  let out = '';
  let octets = 0;
  for (const ch of line) {
    const point = ch.codePointAt(0)!;
    const size = point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    if (octets + size > 75) {
      out += '\r\n ';
      octets = 1;
    }
    out += ch;
    octets += size;
  }
  return `${out}\r\n`;
}
