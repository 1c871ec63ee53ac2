import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';

/**
 * The RFC 5322 source of a message, byte for byte what nodemailer's MailComposer builds, in one
 * string. nodemailer lays out the MIME tree and writes every header (the same code); only the
 * bodies are encoded here, in one go instead of through a stream per part, and base64 of a part
 * that repeats (a meeting's calendar goes to every invitee of a language, twice in each message)
 * is taken from `cache`. The SMTP transport then writes each message at once instead of in a few
 * dozen pieces, which is where plain nodemailer spends most of its time.
 *
 * Returns null for what this does not cover (streams, files, URLs, quoted-printable, raw
 * sources, newline conversion): such a message is left to nodemailer.
 */
export function composeMessage(message: Mail.Options, cache?: PartCache): ComposedMessage | null {
  if (message.raw || message.newline) return null;
  const root = new MailComposer(message).compile() as unknown as Node;
  const out: string[] = [];
  if (!write(root, out, cache)) return null;
  const source = out.join('');
  // nodemailer's LastNewline: the source always ends with a line break
  const raw = source.endsWith('\n') ? source : source.endsWith('\r') ? `${source}\n` : `${source}\r\n`;
  return { raw, envelope: root.getEnvelope() };
}

export interface ComposedMessage {
  raw: string;
  /** MAIL FROM and RCPT TO, as nodemailer takes them from the message's addresses. */
  envelope: { from: string | false; to: string[] };
}

/** What MimeNode keeps about a node, as far as writing it needs (nodemailer's own fields). */
interface Node {
  content?: unknown;
  multipart?: string | false;
  boundary?: string | false;
  childNodes: Node[];
  _raw?: unknown;
  _transforms: unknown[];
  _processFuncs: unknown[];
  _headers: { key: string; value: unknown }[];
  rootNode: Node;
  filename?: string;
  textEncoding?: string;
  normalizeHeaderKey?: unknown;
  getTransferEncoding(): string | false;
  buildHeaders(): string;
  getEnvelope(): ComposedMessage['envelope'];
}

/** MimeNode.stream, without streams: headers, the encoded body, then the child parts. */
function write(n: Node, out: string[], cache?: PartCache): boolean {
  if (n._raw || n._transforms.length || n._processFuncs.length) return false;
  const encoding = n.getTransferEncoding();
  out.push(`${cache ? cache.headersOf(n, encoding) : n.buildHeaders()}\r\n\r\n`);
  if (n.content) {
    const content = n.content;
    if (typeof content !== 'string' && !Buffer.isBuffer(content)) return false;
    if (encoding === 'base64')
      out.push(cache ? cache.encode(content, declaredType(n)) : base64Lines(content));
    else if (encoding === 'quoted-printable' || typeof content !== 'string') return false;
    else out.push(content);
  }
  if (!n.multipart) return true;
  for (let i = 0; i < n.childNodes.length; i++) {
    out.push(`${i ? '\r\n' : ''}--${n.boundary}\r\n`);
    if (!write(n.childNodes[i]!, out, cache)) return false;
  }
  out.push(`\r\n--${n.boundary}--\r\n`);
  return true;
}

/** The Content-Type a node was given (MimeNode only parses it while building its headers). */
function declaredType(n: Node): string {
  const value = n._headers.find((h) => h.key === 'Content-Type')?.value;
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

/** base64 in lines of 76 characters joined by CRLF, none after the last (nodemailer's base64.Encoder). */
export function base64Lines(content: string | Buffer): string {
  const b64 = (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64');
  if (b64.length <= 76) return b64;
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join('\r\n');
}

/**
 * What repeats from message to message: the base64 of a part by its content (everything but the
 * text and HTML, which name their reader: a meeting's calendar, an attachment) and the header
 * block of a part by what nodemailer builds it from (the text part of one message looks like the
 * text part of the next). Forgets everything when either holds `limit` entries.
 */
export class PartCache {
  private readonly encoded = new Map<string, string>();
  private readonly headers = new Map<string, string>();
  constructor(private readonly limit = 64) {}

  encode(content: string | Buffer, contentType?: string): string {
    if (typeof content !== 'string' || /^text\/(plain|html)\b/i.test(contentType ?? ''))
      return base64Lines(content);
    return remembered(this.encoded, content, this.limit, () => base64Lines(content));
  }

  /**
   * MimeNode.buildHeaders of a part without children: its lines follow from its header fields,
   * transfer encoding, file name and (text/plain's charset) whether the text is ASCII only.
   */
  headersOf(n: Node, encoding: string | false): string {
    // a multipart node learns its boundary while building its headers
    if (n.rootNode === n || n.normalizeHeaderKey || /^multipart\//.test(declaredType(n)))
      return n.buildHeaders();
    const ascii = typeof n.content !== 'string' || !/[\u0080-\uFFFF]/.test(n.content);
    const key = `${encoding}\n${n.filename ?? ''}\n${n.textEncoding ?? ''}\n${ascii}\n${JSON.stringify(n._headers)}`;
    return remembered(this.headers, key, this.limit, () => n.buildHeaders());
  }
}

function remembered(map: Map<string, string>, key: string, limit: number, make: () => string): string {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= limit) map.clear();
    value = make();
    map.set(key, value);
  }
  return value;
}
