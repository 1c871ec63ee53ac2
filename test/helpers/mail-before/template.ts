// The code as it was before it was made faster (a4d3884), kept to compare the new against.
import type { Language } from '../../../server/text/language.ts';
import { catalogueFor } from '../../../server/text/messages.ts';
import { headerText } from './header.ts';
import { html, htmlLines, type SafeHtml } from './html.ts';

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
    const own = (signature ?? '')
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
  return [
    { kind: 'paragraph', text: texts.common.greeting(letter.to) },
    ...letter.body.map((b): EmailBlock => (typeof b === 'string' ? { kind: 'paragraph', text: b } : b)),
    {
      kind: 'signoff',
      lines: [texts.common.closing, ...signatureLines(letter.lang, letter.from, letter.signature)],
    },
  ];
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

export function renderEmail(email: Email): RenderedEmail {
  const subject = headerText(email.subject);
  const body = email.blocks.map(blockHtml);
  return {
    subject,
    text: email.blocks.map(blockText).join('\n\n'),
    html: html`<!doctype html><html lang="${email.lang}"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="${BODY_STYLE}">
${body.map((b) => html`${b}\n`)}</body></html>`.value,
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
    case 'facts':
      return [...(block.title ? [block.title] : []), ...block.rows.map(([k, v]) => `${k}: ${v}`)].join('\n');
    case 'list':
      return [`${block.heading}:`, ...block.items.map(itemText)].join('\n');
    case 'actions':
      return [
        `${block.heading}:`,
        ...block.links.map((l) => `  ${l.label}: ${l.href}`),
        ...(block.hint ? [block.hint] : []),
      ].join('\n');
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
