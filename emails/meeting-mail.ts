import type { MeetingMailKind } from '../server/text/catalogue.ts';
import { clockTime, dayDate, longDate, weekdayDate } from '../server/text/dates.ts';
import { headerText } from '../server/text/header.ts';
import { escapeHtml } from '../server/text/html.ts';
import type { Language } from '../server/text/language.ts';
import { catalogueFor } from '../server/text/messages.ts';
import {
  type EmailBlock,
  type ListItem,
  type RenderedEmail,
  renderLetter,
  type Signatory,
} from './template.ts';

export type { MeetingMailKind };

/** An agenda point as the email shows it (from an agenda table when one exists, else the meeting's own text). */
export interface AgendaItem {
  title: string;
  description?: string | null;
  /** ISO instant, shown as a clock time in the meeting's zone. */
  startsAt?: string | null;
}

/** What the invitee needs to know about the meeting, independent of the database rows. */
export interface MeetingMailView {
  title: string;
  districtName: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venueName?: string | null;
  venueAddress?: string | null;
  facilitatorName?: string | null;
  /** Who signs the email: the facilitator with organisation and contact details. */
  facilitator?: FacilitatorContact | null;
  /** The programme's signature: signs the email when the meeting has no facilitator. */
  programmeSignature?: string | null;
  agenda: AgendaItem[];
  /** The meeting's materials, linked through the invitee's answer link. */
  materials?: readonly { id: number; filename: string }[];
  /** The reply deadline (svarfrist), a local date; shown while answers are asked for. */
  replyBy?: string | null;
}

export type FacilitatorContact = Signatory;

export interface MeetingMailInput {
  kind: MeetingMailKind;
  language: Language;
  recipientName: string;
  meeting: MeetingMailView;
  /** `${PUBLIC_URL}/rsvp/<token>`: the three answers are this with ?answer=…; null when no new link is sent. */
  answerUrl?: string | null;
  cancelReason?: string | null;
  /** The colleague who passed this invitation on (delegation), named in the opening lines. */
  delegatedBy?: string | null;
  /** An update after a new date or time: the invitee is asked to answer again. */
  askAgain?: boolean;
  /** Instead of the kind's usual opening line (a session chosen, changed, moved …). */
  lead?: string;
  /** A meeting held as sessions: the invitation lists them to choose from, and has no calendar yet. */
  sessions?: SessionOffer[];
}

/** One session of a meeting held as several, as the invitation offers it. */
export interface SessionOffer {
  id: number;
  startsAt: string;
  endsAt: string;
  venueName?: string | null;
  venueAddress?: string | null;
  /** No free place when the invitation was written: choosing it puts one on its waiting list. */
  full: boolean;
}

export const answerChoices = ['accepted', 'tentative', 'declined'] as const;

/** "Invitation: Politikredsmøde Fyns Politi – 12. marts 2027": district and date always in it. */
export function meetingSubject(kind: MeetingMailKind, lang: Language, m: MeetingMailView): string {
  const title = headerText(m.title);
  const district = headerText(m.districtName);
  const named =
    district && !title.toLowerCase().includes(district.toLowerCase()) ? `${title}, ${district}` : title;
  return headerText(
    `${catalogueFor(lang).meetingMail.subjectPrefix[kind]}: ${named} – ${longDate(m.startsAt, m.timeZone, lang)}`,
  );
}

export function meetingWhen(lang: Language, m: MeetingMailView): string {
  const w = catalogueFor(lang).meetingMail;
  const from = clockTime(m.startsAt, m.timeZone, lang);
  const to = clockTime(m.endsAt, m.timeZone, lang);
  const clock = w.clock ? `${w.clock} ` : '';
  return `${weekdayDate(m.startsAt, m.timeZone, lang)} ${clock}${from}–${to}`;
}

export function meetingWhere(m: Pick<MeetingMailView, 'venueName' | 'venueAddress'>): string | null {
  const name = m.venueName?.trim();
  const address = m.venueAddress?.trim();
  if (!name) return address || null;
  return address ? `${name}, ${address}` : name;
}

/** Plain-text description for the calendar entry: the same facts as the email body. */
export function calendarDescription(lang: Language, m: MeetingMailView, answerUrl?: string | null): string {
  const texts = catalogueFor(lang);
  const w = texts.meetingMail;
  // written as it goes, no lines to join: a queue makes one for every meeting and language
  let text = `${meetingWhen(lang, m)}\n${w.where}: ${meetingWhere(m) ?? w.venueLater}`;
  if (m.replyBy) text += `\n${texts.replyAndNeeds.replyBy}: ${dayDate(m.replyBy, lang)}`;
  if (m.agenda.length) {
    text += `\n\n${w.agenda}:`;
    const items = agendaItems(lang, m);
    for (let i = 0; i < items.length; i++) text += `\n${agendaLine(items[i]!, i)}`;
  }
  return answerUrl ? `${text}\n\n${w.answer}: ${answerUrl}` : text;
}

/** Who signs: the facilitator with contact details, else the facilitator's name alone, else the service. */
function signatory(m: MeetingMailView): Signatory | null {
  return m.facilitator ?? (m.facilitatorName ? { name: m.facilitatorName } : null);
}

/** Times for every point or for none: with one point untimed, all are numbered. */
function agendaItems(lang: Language, m: MeetingMailView): ListItem[] {
  let timed = true;
  for (let i = 0; i < m.agenda.length; i++) if (!m.agenda[i]!.startsAt) timed = false;
  const items: ListItem[] = [];
  for (let i = 0; i < m.agenda.length; i++) {
    const item = m.agenda[i]!;
    items.push({
      marker: timed && item.startsAt ? clockTime(item.startsAt, m.timeZone, lang) : null,
      title: item.title,
      detail: item.description,
    });
  }
  return items;
}

function agendaLine(item: ListItem, index: number): string {
  return `${item.marker ?? `${index + 1}.`} ${item.title}${item.detail ? ` – ${item.detail}` : ''}`;
}

export function answerLink(answerUrl: string, answer: (typeof answerChoices)[number]): string {
  return `${answerUrl}?answer=${answer}`;
}

/** The sessions to choose from, each a link to the answer page with it chosen, and a way to decline. */
function sessionChoice(
  lang: Language,
  m: MeetingMailView,
  sessions: SessionOffer[],
  answerUrl: string,
): EmailBlock[] {
  const texts = catalogueFor(lang).sessions.mail;
  const links = sessions.map((s) => {
    const where = meetingWhere({
      venueName: s.venueName ?? m.venueName,
      venueAddress: s.venueAddress ?? m.venueAddress,
    });
    const label = [meetingWhen(lang, { ...m, startsAt: s.startsAt, endsAt: s.endsAt }), where]
      .filter(Boolean)
      .join(', ');
    return { label: s.full ? `${label} (${texts.full})` : label, href: `${answerUrl}?session=${s.id}` };
  });
  links.push({ label: texts.decline, href: answerLink(answerUrl, 'declined') });
  return [
    { kind: 'actions', heading: texts.choose, links, hint: texts.chooseHint },
    { kind: 'paragraph', text: texts.calendarLater },
  ];
}

/** The email for one invitee: subject, plain text and HTML with the same content. */
export function renderMeetingMail(input: MeetingMailInput): RenderedEmail {
  return meetingMail(input, input.language, input.recipientName, input.answerUrl);
}

/** What a meeting's email says apart from the invitee's language, name and link. */
type MeetingMailContent = Omit<MeetingMailInput, 'language' | 'recipientName' | 'answerUrl'>;

/** renderMeetingMail with the invitee's values apart: the template renders without copying its input. */
function meetingMail(
  input: MeetingMailContent,
  lang: Language,
  recipientName: string,
  answerUrl: string | null | undefined,
): RenderedEmail {
  const { kind, meeting: m } = input;
  const texts = catalogueFor(lang);
  const w = texts.meetingMail;
  const name = headerText(recipientName);
  let lead = input.lead ?? w.lead[kind];
  if (input.delegatedBy) lead += ` ${w.delegatedBy(headerText(input.delegatedBy))}`;
  if (input.askAgain && kind === 'update') lead += ` ${texts.reconfirm.mailLead}`;
  const sessions = input.sessions?.length ? input.sessions : null;
  const facts: [string, string][] = [
    [w.when, sessions ? texts.sessions.mail.when(sessions.length) : meetingWhen(lang, m)],
    [w.where, meetingWhere(m) ?? w.venueLater],
  ];
  if (m.facilitatorName) facts.push([w.facilitator, m.facilitatorName]);
  const asking = kind === 'invitation' || kind === 'update' || kind === 'reminder';
  if (m.replyBy && asking) facts.push([texts.replyAndNeeds.replyBy, dayDate(m.replyBy, lang)]);
  if (input.cancelReason && kind === 'cancel') facts.push([w.reason, input.cancelReason]);

  const blocks: EmailBlock[] = [
    { kind: 'paragraph', text: lead },
    { kind: 'facts', title: m.title, rows: facts },
  ];
  if (m.agenda.length && kind !== 'cancel' && kind !== 'withdrawn')
    blocks.push({ kind: 'list', heading: w.agenda, items: agendaItems(lang, m) });
  if (sessions && answerUrl) blocks.push(...sessionChoice(lang, m, sessions, answerUrl));
  else if (kind === 'invitation' || kind === 'update' || kind === 'reminder') {
    blocks.push(
      answerUrl
        ? {
            kind: 'actions',
            heading: w.answer,
            links: answerChoices.map((a) => ({
              label: texts.answerPage.answers[a],
              href: answerLink(answerUrl, a),
            })),
            hint: w.answerHint,
          }
        : { kind: 'paragraph', text: w.laterAnswer },
      { kind: 'paragraph', text: w.calendar },
    );
    if (answerUrl && m.materials?.length)
      blocks.push({
        kind: 'actions',
        heading: texts.referat.materials.inInvitation,
        links: m.materials.map((f) => ({ label: f.filename, href: `${answerUrl}/materialer/${f.id}` })),
      });
  }
  if (m.facilitator?.email && kind !== 'withdrawn')
    blocks.push({ kind: 'paragraph', text: texts.contact.replyToFacilitator });
  return renderLetter({
    lang,
    subject: meetingSubject(kind, lang, m),
    to: name,
    body: blocks,
    from: signatory(m),
    signature: m.programmeSignature,
  });
}

/**
 * A meeting's email for every invitee of one language: rendered once, with stand-ins for the
 * name and the answer link, which each invitee's copy fills in (fillStandIns) with invitedFill's
 * values, in this order. Stand-ins are letters only, so escaping and headerText leave them alone.
 */
export interface MeetingMailTemplate extends RenderedEmail {
  standIns: string[];
}

const NAME_STAND_IN = 'QxNavnPladsholderQx';
const LINK_STAND_IN = 'QxSvarlinkPladsholderQx';
const STAND_INS = [NAME_STAND_IN, LINK_STAND_IN];

/**
 * renderMeetingMail for every invitee of one language, with or without an answer link: rendered
 * with stand-ins for the name and the link (the caller renders it once and stores it once).
 */
export function meetingMailTemplate(
  input: MeetingMailContent,
  language: Language,
  withLink: boolean,
): MeetingMailTemplate {
  const mail = meetingMail(input, language, NAME_STAND_IN, withLink ? LINK_STAND_IN : null);
  // no spreads, of the input or the mail: with them this took twice as long
  return {
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    standIns: STAND_INS,
  };
}

/**
 * What one invitee's copy of a meetingMailTemplate fills in: the name and the answer
 * link `${answerBase}/${token}` (none without a token), as the plain text shows them and as the
 * HTML escapes them. A token is letters, digits, - and _ only.
 */
export function invitedFill(
  recipientName: string,
  answerBase: string,
  token: string | null,
): { text: string[]; html: string[] } {
  if (!/^[A-Za-z0-9_-]*$/.test(token ?? ''))
    throw new Error('An answer-link token has unexpected characters');
  const name = headerText(recipientName);
  const link = token ? `${answerBase}/${token}` : '';
  return { text: [name, link], html: [escapeHtml(name), escapeHtml(link)] };
}
