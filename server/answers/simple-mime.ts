/**
 * A reader for the plain shape most calendar replies come in — multipart/mixed or /alternative
 * holding text or HTML bodies and text/calendar or application/ics parts, in 7bit, 8bit, base64 or
 * quoted-printable, with ASCII headers (RFC 2047 words in UTF-8 or Latin-1) — that gives what
 * parseInboundEmail reads of mailparser's result. Anything else is left to mailparser (null):
 * mailparser's streams cost about 200 µs a message, most of an inbound reply's work.
 */

import { textLines } from '../text/lines.ts';

/** What parseInboundEmail reads of a parsed message: mailparser's ParsedMail has these too. */
export interface ReplyMail {
  from?: { value: { address?: string }[] };
  subject?: string;
  messageId?: string;
  attachments: { contentType: string; filename?: string; content: Buffer }[];
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

const CALENDAR_TYPES = new Set(['text/calendar', 'application/ics']);
const BODY_TYPES = new Set(['text/plain', 'text/html']);
const MULTIPART_TYPES = new Set(['multipart/mixed', 'multipart/alternative']);
const UTF8_NAMES = new Set(['utf-8', 'utf8', 'us-ascii']);
const UNENCODED = new Set(['7bit', '8bit', 'binary']);
const MAX_DEPTH = 3;

/** The reply read without mailparser, or null when the message is not of the plain shape. */
export function readSimpleReply(raw: Buffer): ReplyMail | null {
  // latin1 keeps every byte as one character, so the parts' bytes come back unchanged
  const message = splitPart(raw.toString('latin1'));
  if (!message) return null;
  const { headers } = message;
  const attachments: ReplyMail['attachments'] = [];
  if (!collectParts(message, attachments, 0)) return null;

  const mail: ReplyMail = { attachments };
  const from = headers.get('from');
  if (from !== undefined) {
    const address = plainAddress(from);
    if (address === null) return null;
    mail.from = { value: [{ address }] };
  }
  const subject = headers.get('subject');
  if (subject !== undefined) {
    const decoded = subject && !subject.includes('\t') ? decodeWords(subject) : null;
    if (!decoded) return null;
    mail.subject = decoded;
  }
  const messageId = headers.get('message-id');
  if (messageId !== undefined) {
    if (!/^<[\x21-\x3b\x3d\x3f-\x7e]+>$/.test(messageId)) return null;
    mail.messageId = messageId;
  }
  return mail;
}

const HEADER_END = /\r?\n\r?\n/;
// only printable ASCII and tabs in headers, lines ending in LF or CRLF: anything else is mailparser's to decode
const NOT_HEADER_TEXT = /[^\t\r\n\x20-\x7e]/;

/**
 * Headers (names in lower case, folded lines joined) and the body; null for what is not plain. The
 * header block is checked in one pass and walked line by line, each header stored once, trimmed.
 */
function splitPart(text: string): Part | null {
  const end = HEADER_END.exec(text);
  if (!end) return null;
  const block = text.slice(0, end.index);
  if (block === '' || NOT_HEADER_TEXT.test(block)) return null;
  const lines = textLines(block);
  if (!lines) return null;
  const headers = new Map<string, string>();
  let name = '';
  let value = '';
  for (const line of lines) {
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      // a subject folded other than by one space is unfolded differently by different readers
      if (!name || (name === 'subject' && !/^ [^ \t]/.test(line))) return null;
      value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return null;
    if (name) headers.set(name, value.trim());
    name = line.slice(0, colon).trim().toLowerCase();
    // a repeated header is read differently by different readers: leave it to mailparser
    if (headers.has(name)) return null;
    value = line.slice(colon + 1);
  }
  if (name) headers.set(name, value.trim());
  return { headers, body: text.slice(end.index + end[0].length) };
}

/** Adds the part's calendar parts to `attachments`; false when a part is not of the plain shape. */
function collectParts(part: Part, attachments: ReplyMail['attachments'], depth: number): boolean {
  const type = contentType(part.headers.get('content-type') ?? 'text/plain');
  if (!type) return false;
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const disposition = contentType(part.headers.get('content-disposition') ?? 'inline');
  if (!disposition) return false;
  if (MULTIPART_TYPES.has(type.value)) {
    const boundary = type.params.get('boundary');
    if (!boundary || depth >= MAX_DEPTH || part.headers.has('content-disposition')) return false;
    if (!UNENCODED.has(encoding)) return false;
    const bodies = multipartBodies(part.body, boundary);
    if (!bodies) return false;
    for (const body of bodies) {
      const child = splitPart(body);
      if (!child || !collectParts(child, attachments, depth + 1)) return false;
    }
    return true;
  }
  const charset = type.params.get('charset');
  if (charset !== undefined && !UTF8_NAMES.has(charset.toLowerCase())) return false;
  const named = type.params.has('name') || disposition.params.has('filename');
  if (BODY_TYPES.has(type.value))
    // a body, not read here; named or as an attachment it would be one of mailparser's attachments
    return !named && disposition.value === 'inline' && decodeBody(part.body, encoding) !== null;
  if (!CALENDAR_TYPES.has(type.value)) return false;
  if (disposition.value !== 'inline' && disposition.value !== 'attachment') return false;
  const content = decodeBody(part.body, encoding);
  if (!content) return false;
  const filename = disposition.params.get('filename') ?? type.params.get('name');
  attachments.push(
    filename === undefined
      ? { contentType: type.value, content }
      : { contentType: type.value, filename, content },
  );
  return true;
}

/** The parameters of a type without any: nothing reads it but get and has. */
const NO_PARAMS: ReadonlyMap<string, string> = new Map();
const PARAM = /^\s*([A-Za-z0-9-]+)\s*=\s*(?:"([^"\\;]*)"|([^\s"\\;]+))\s*$/;
const TYPE = /^[a-z0-9!#$&^_.+-]+(\/[a-z0-9!#$&^_.+-]+)?$/;

/**
 * "text/calendar; charset=utf-8; method=REPLY" → its value (lower case) and parameters. Read by
 * index, not split into an array and destructured: a reply has nine of these headers, and this was
 * a fifth of reading it.
 */
function contentType(header: string): { value: string; params: ReadonlyMap<string, string> } | null {
  const semicolon = header.indexOf(';');
  const type = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  if (!TYPE.test(type)) return null;
  if (semicolon < 0) return { value: type, params: NO_PARAMS };
  const params = new Map<string, string>();
  for (let start = semicolon + 1; start <= header.length; ) {
    const next = header.indexOf(';', start);
    const end = next < 0 ? header.length : next;
    const param = header.slice(start, end);
    start = end + 1;
    if (!param.trim()) continue;
    // quoted values holding ";" or escapes, and RFC 2231 parameters, are mailparser's to read
    const match = PARAM.exec(param);
    if (!match) return null;
    const key = match[1]!.toLowerCase();
    if (params.has(key)) return null;
    params.set(key, match[2] ?? match[3]!);
  }
  return { value: type, params };
}

/** The bodies between the boundary lines; null without a closing boundary. */
function multipartBodies(body: string, boundary: string): string[] | null {
  const delimiter = `--${boundary}`;
  const bodies: string[] = [];
  // where the current part's text starts; -1 in the preamble
  let partStart = -1;
  for (let at = body.indexOf(delimiter); at >= 0; at = body.indexOf(delimiter, at + 1)) {
    if (at > 0 && body[at - 1] !== '\n') continue;
    const newline = body.indexOf('\n', at);
    const lineEnd =
      newline < 0 ? body.length : newline > at && body[newline - 1] === '\r' ? newline - 1 : newline;
    const line = body.slice(at, lineEnd).replace(/[ \t]+$/, '');
    const closing = line === `${delimiter}--`;
    if (line !== delimiter && !closing) return null;
    if (partStart >= 0) {
      // the line break before a boundary line belongs to the boundary
      const partEnd = at - (at >= 2 && body[at - 2] === '\r' ? 2 : 1);
      bodies.push(partEnd > partStart ? body.slice(partStart, partEnd) : '');
    }
    if (closing) return bodies;
    partStart = newline < 0 ? body.length : newline + 1;
  }
  return null;
}

/** A part's bytes from its transfer encoding; null for what mailparser might read otherwise. */
function decodeBody(body: string, encoding: string): Buffer | null {
  if (UNENCODED.has(encoding)) return Buffer.from(body, 'latin1');
  if (encoding === 'base64') {
    const compact = body.replace(/\r?\n/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return null;
    return Buffer.from(compact, 'base64');
  }
  if (encoding === 'quoted-printable') {
    // trailing blanks, stray "=" and bytes beyond ASCII are read differently by different decoders
    if (/[ \t]\r?$/m.test(body) || /=(?![0-9A-Fa-f]{2}|\r?\n)/.test(body) || /[^\t\r\n\x20-\x7e]/.test(body))
      return null;
    return Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    );
  }
  return null;
}

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+";
const DOMAIN = '[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?';
const ADDRESS = `(${ATOM}@${DOMAIN})`;
const BARE_ADDRESS = new RegExp(`^${ADDRESS}$`);
// a display name without the characters that make addresses hard to read: quoted, or plain words
const NAMED_ADDRESS = new RegExp(`^(?:"[^"\\\\]*"|[^"<>,;:@()\\\\]*)\\s*<${ADDRESS}>$`);

/** The one address of a From header of a plain shape; null for groups, comments, lists, IDNs. */
function plainAddress(header: string): string | null {
  const address = (BARE_ADDRESS.exec(header) ?? NAMED_ADDRESS.exec(header))?.[1];
  if (!address || address.includes('..') || /(^|\.)xn--/i.test(address.split('@')[1]!)) return null;
  return address;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** A header with RFC 2047 words in UTF-8 or Latin-1 decoded; null for other charsets and odd shapes. */
function decodeWords(header: string): string | null {
  if (header.replace(ENCODED_WORD, ' ').includes('=?')) return null;
  let result = '';
  let last = 0;
  let pending: { encoding: BufferEncoding; bytes: Buffer[] } | null = null;
  let odd = false;
  const flush = () => {
    if (pending) {
      const bytes = Buffer.concat(pending.bytes);
      // broken UTF-8, and Latin-1's C1 range (read as Windows-1252 by some), are decoded differently
      const text = bytes.toString(pending.encoding);
      if (pending.encoding === 'utf8' ? text.includes('\uFFFD') : bytes.some((b) => b >= 0x80 && b < 0xa0))
        odd = true;
      result += text;
    }
    pending = null;
  };
  for (const match of header.matchAll(ENCODED_WORD)) {
    const between = header.slice(last, match.index);
    const end = match.index + match[0].length;
    // a word stuck to other text is read differently by different readers
    if (!/(^|\s)$/.test(between) && !(pending && between === '')) return null;
    if (end < header.length && !/\s/.test(header[end]!) && !header.startsWith('=?', end)) return null;
    const charset = match[1]!.toLowerCase();
    const encoding = charset === 'utf-8' ? 'utf8' : charset === 'iso-8859-1' ? 'latin1' : null;
    if (!encoding) return null;
    const bytes = wordBytes(match[2]!.toUpperCase(), match[3]!);
    if (!bytes) return null;
    // blanks between two encoded words are not text; the words' bytes are decoded together
    const adjacent = pending !== null && /^\s*$/.test(between);
    if (adjacent && pending!.encoding === encoding) pending!.bytes.push(bytes);
    else {
      flush();
      if (!adjacent) result += between;
      pending = { encoding, bytes: [bytes] };
    }
    last = end;
  }
  flush();
  return odd ? null : result + header.slice(last);
}

function wordBytes(encoding: string, text: string): Buffer | null {
  if (encoding === 'B') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
    return Buffer.from(text, 'base64');
  }
  if (/=(?![0-9A-Fa-f]{2})/.test(text)) return null;
  return Buffer.from(
    text
      .replace(/_/g, ' ')
      .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
}
