import { headerText } from '../server/text/header.ts';
import { html, htmlLines, type SafeHtml } from '../server/text/html.ts';
import type { Language } from '../server/text/language.ts';
import { catalogueFor } from '../server/text/messages.ts';

/**
 * The one contract every email renders through: a subject and body blocks in, subject, plain text,
 * HTML and headers out. The HTML is built with the pages' escaping template, so nothing a user
 * typed becomes markup; the text part says the same, block for block.
 */
export interface Email {
  lang: Language;
  subject: string;
  blocks: readonly EmailBlock[];
}

export type EmailBlock =
  /** A paragraph; its line breaks are kept. */
  | { kind: 'paragraph'; text: string }
  /** Labelled facts ("Tidspunkt: …"), under an optional title. */
  | { kind: 'facts'; title?: string; rows: readonly (readonly [label: string, value: string])[] }
  /** A headed list; items with a marker (a clock time) show it, the others are numbered. */
  | { kind: 'list'; heading: string; items: readonly ListItem[] }
  /** Links shown as buttons, under a heading, with a hint below. */
  | { kind: 'actions'; heading: string; links: readonly EmailLink[]; hint?: string }
  /** The closing and the signature, one line each. */
  | { kind: 'signoff'; lines: readonly string[] };

/**
 * A letter to one person: the greeting by name, the body (a string is a paragraph), then the closing
 * and the signature. Every email to a person is one, so they all open and sign off alike.
 */
export interface Letter {
  lang: Language;
  subject: string;
  /** The recipient's name, as the greeting says it. */
  to: string;
  body: readonly (string | EmailBlock)[];
  /** Who signs: the facilitator, or the service's name when no one is named. */
  from?: Signatory | null;
  /** A programme's signature (one line or several): signs in place of the service's name when no one is named. */
  signature?: string | null;
}

/** The facilitator who signs: name, organisation and contact details, one line each. */
export interface Signatory {
  name: string;
  organisation?: string | null;
  email?: string | null;
  phone?: string | null;
}

/**
 * The signature's lines: the facilitator's name, organisation and contact details; without a
 * facilitator the programme's signature; without either the service's name. A named facilitator
 * wins over the programme's text: the reader should know who to contact.
 */
export function signatureLines(lang: Language, from?: Signatory | null, signature?: string | null): string[] {
  const texts = catalogueFor(lang);
  if (!from) {
    // most letters have neither
    if (!signature) return [texts.common.signature];
    const own = signature
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    return own.length ? own : [texts.common.signature];
  }
  const contact = [from.email, from.phone ? `${texts.contact.phone} ${from.phone}` : null]
    .filter(Boolean)
    .join(' · ');
  return [from.name, from.organisation, contact].filter((l): l is string => Boolean(l));
}

/** The letter as blocks: greeting, body, sign-off. */
export function letterBlocks(letter: Letter): EmailBlock[] {
  const texts = catalogueFor(letter.lang);
  // pushed, not spread: a spread walks an iterator, slow until V8 has compiled it, and more to compile
  const blocks: EmailBlock[] = [{ kind: 'paragraph', text: texts.common.greeting(letter.to) }];
  for (let i = 0; i < letter.body.length; i++) {
    const b = letter.body[i]!;
    blocks.push(typeof b === 'string' ? { kind: 'paragraph', text: b } : b);
  }
  const lines = [texts.common.closing];
  const signed = signatureLines(letter.lang, letter.from, letter.signature);
  for (let i = 0; i < signed.length; i++) lines.push(signed[i]!);
  blocks.push({ kind: 'signoff', lines });
  return blocks;
}

export function renderLetter(letter: Letter): RenderedEmail {
  return renderEmail({ lang: letter.lang, subject: letter.subject, blocks: letterBlocks(letter) });
}

export interface ListItem {
  marker?: string | null;
  title: string;
  detail?: string | null;
}

export interface EmailLink {
  label: string;
  href: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

const BODY_STYLE = 'font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a';
const BUTTON_STYLE =
  'display:inline-block;margin:0 8px 8px 0;padding:10px 16px;background:#004b87;color:#fff;text-decoration:none;border-radius:4px';

/**
 * Subject, text and HTML of an email. The HTML is written with the `html` template, which escapes
 * every value that is not markup it made: a meeting's email is rendered once per language and
 * stored for all its invitees, so writing it as strings saved nothing worth a second escaping path.
 */
export function renderEmail(email: Email): RenderedEmail {
  const subject = headerText(email.subject);
  let text = '';
  const body: SafeHtml[] = [];
  for (let i = 0; i < email.blocks.length; i++) {
    const block = email.blocks[i]!;
    text += i ? `\n\n${blockText(block)}` : blockText(block);
    body.push(html`${blockHtml(block)}\n`);
  }
  return {
    subject,
    text,
    html: html`<!doctype html><html lang="${email.lang}"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="${BODY_STYLE}">
${body}</body></html>`.value,
    headers: { 'Content-Language': email.lang },
  };
}

function itemText(item: ListItem, index: number): string {
  const marker = item.marker ?? `${index + 1}.`;
  return `${marker} ${item.title}${item.detail ? ` – ${item.detail}` : ''}`;
}

function blockText(block: EmailBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'facts': {
      // a row is never empty ("label: value"), so an empty `out` means nothing written yet
      let out = block.title ? block.title : '';
      for (let i = 0; i < block.rows.length; i++) {
        const row = block.rows[i]!;
        out += out ? `\n${row[0]}: ${row[1]}` : `${row[0]}: ${row[1]}`;
      }
      return out;
    }
    case 'list': {
      let out = `${block.heading}:`;
      for (let i = 0; i < block.items.length; i++) out += `\n${itemText(block.items[i]!, i)}`;
      return out;
    }
    case 'actions': {
      let out = `${block.heading}:`;
      for (let i = 0; i < block.links.length; i++) {
        const l = block.links[i]!;
        out += `\n  ${l.label}: ${l.href}`;
      }
      return block.hint ? `${out}\n${block.hint}` : out;
    }
    case 'signoff':
      return block.lines.join('\n');
  }
}

function blockHtml(block: EmailBlock): SafeHtml {
  switch (block.kind) {
    case 'paragraph':
      return html`<p>${htmlLines(block.text)}</p>`;
    case 'facts':
      return html`${block.title ? html`<h1 style="font-size:20px">${block.title}</h1>\n` : ''}<table role="presentation" cellpadding="4">
${block.rows.map(([k, v]) => html`<tr><th align="left" valign="top">${k}</th><td>${htmlLines(v)}</td></tr>\n`)}</table>`;
    case 'list': {
      // with times the clock is the marker; without, the points are numbered
      const timed = block.items.every((item) => item.marker);
      const items = block.items.map(
        (item) =>
          html`<li>${item.marker ? `${item.marker} ` : ''}<strong>${item.title}</strong>${item.detail ? html`<br><span>${htmlLines(item.detail)}</span>` : ''}</li>`,
      );
      return timed
        ? html`<h2 style="font-size:17px">${block.heading}</h2><ul style="list-style:none;padding-left:0">${items}</ul>`
        : html`<h2 style="font-size:17px">${block.heading}</h2><ol>${items}</ol>`;
    }
    case 'actions':
      return html`<h2 style="font-size:17px">${block.heading}</h2><p>${block.links.map((l) => html`<a href="${l.href}" style="${BUTTON_STYLE}">${l.label}</a>`)}</p>${block.hint ? html`<p>${block.hint}</p>` : ''}`;
    case 'signoff':
      return html`<p>${block.lines.map((line, i) => html`${i ? html`<br>` : ''}${line}`)}</p>`;
  }
}
