import { clockTime, longDate, weekdayDate } from '../server/text/dates.ts';
import { headerText } from '../server/text/header.ts';
import { escapeHtml, htmlLines } from '../server/text/html.ts';
import type { Language } from '../server/text/language.ts';
import { catalogueFor } from '../server/text/messages.ts';

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
  agenda: AgendaItem[];
}

export interface FacilitatorContact {
  name: string;
  organisation?: string | null;
  email?: string | null;
  phone?: string | null;
}

export type MeetingMailKind = 'invitation' | 'update' | 'cancel' | 'withdrawn' | 'reminder';

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
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export const answerChoices = ['accepted', 'tentative', 'declined'] as const;

const words = {
  da: {
    prefix: {
      invitation: 'Invitation',
      update: 'Opdateret',
      cancel: 'Aflyst',
      withdrawn: 'Aflyst',
      reminder: 'Påmindelse',
    },
    greeting: (name: string) => `Kære ${name}`,
    delegatedBy: (name: string) => `${name} kan ikke deltage og har givet sin invitation videre til dig.`,
    lead: {
      invitation: 'Du inviteres hermed til mødet nedenfor.',
      update: 'Mødet er blevet ændret. Her er de opdaterede oplysninger.',
      cancel: 'Mødet nedenfor er aflyst.',
      withdrawn: 'Du er ikke længere på deltagerlisten til mødet nedenfor; det er fjernet fra din kalender.',
      reminder: 'En påmindelse om mødet nedenfor.',
    },
    when: 'Tidspunkt',
    where: 'Sted',
    agenda: 'Dagsorden',
    facilitator: 'Facilitator',
    reason: 'Begrundelse',
    answer: 'Svar',
    answers: { accepted: 'Deltager', tentative: 'Deltager måske', declined: 'Deltager ikke' },
    answerHint: 'Klik på dit svar. Du kan ændre det senere via samme link.',
    laterAnswer:
      'Du kan svare eller ændre dit svar via linkene i invitationen eller med knapperne i din kalender.',
    calendar: 'Mødet er vedhæftet som kalenderinvitation (invitation.ics).',
    to: 'til',
    clock: 'kl.',
    tbd: 'Oplyses senere',
    closing: 'Venlig hilsen',
  },
  en: {
    prefix: {
      invitation: 'Invitation',
      update: 'Updated',
      cancel: 'Cancelled',
      withdrawn: 'Cancelled',
      reminder: 'Reminder',
    },
    greeting: (name: string) => `Dear ${name}`,
    delegatedBy: (name: string) => `${name} cannot attend and has passed the invitation on to you.`,
    lead: {
      invitation: 'You are invited to the meeting below.',
      update: 'The meeting has changed. Here are the updated details.',
      cancel: 'The meeting below has been cancelled.',
      withdrawn:
        'You are no longer on the list for the meeting below; it has been removed from your calendar.',
      reminder: 'A reminder of the meeting below.',
    },
    when: 'When',
    where: 'Where',
    agenda: 'Agenda',
    facilitator: 'Facilitator',
    reason: 'Reason',
    answer: 'Your answer',
    answers: { accepted: 'Attending', tentative: 'Maybe attending', declined: 'Not attending' },
    answerHint: 'Click your answer. You can change it later through the same link.',
    laterAnswer:
      'You can answer or change your answer through the links in the invitation or with the buttons in your calendar.',
    calendar: 'The meeting is attached as a calendar invitation (invitation.ics).',
    to: 'to',
    clock: '',
    tbd: 'To be announced',
    closing: 'Kind regards',
  },
} as const;

/** "Invitation: Politikredsmøde Fyns Politi – 12. marts 2027": district and date always in it. */
export function meetingSubject(kind: MeetingMailKind, lang: Language, m: MeetingMailView): string {
  const title = headerText(m.title);
  const district = headerText(m.districtName);
  const named =
    district && !title.toLowerCase().includes(district.toLowerCase()) ? `${title}, ${district}` : title;
  return headerText(`${words[lang].prefix[kind]}: ${named} – ${longDate(m.startsAt, m.timeZone, lang)}`);
}

export function meetingWhen(lang: Language, m: MeetingMailView): string {
  const w = words[lang];
  const from = clockTime(m.startsAt, m.timeZone, lang);
  const to = clockTime(m.endsAt, m.timeZone, lang);
  const clock = w.clock ? `${w.clock} ` : '';
  return `${weekdayDate(m.startsAt, m.timeZone, lang)} ${clock}${from}–${to}`;
}

export function meetingWhere(m: Pick<MeetingMailView, 'venueName' | 'venueAddress'>): string | null {
  const parts = [m.venueName, m.venueAddress].map((p) => p?.trim()).filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

/** Plain-text description for the calendar entry: the same facts as the email body. */
export function calendarDescription(lang: Language, m: MeetingMailView, answerUrl?: string | null): string {
  const w = words[lang];
  const lines = [meetingWhen(lang, m), `${w.where}: ${meetingWhere(m) ?? w.tbd}`];
  if (m.agenda.length) lines.push('', `${w.agenda}:`, ...agendaLines(lang, m));
  if (answerUrl) lines.push('', `${w.answer}: ${answerUrl}`);
  return lines.join('\n');
}

/** The signature: the facilitator's name, organisation and contact details (or just "Samråd"). */
export function signatureLines(lang: Language, m: MeetingMailView): string[] {
  const f = m.facilitator;
  if (!f) return [m.facilitatorName ?? 'Samråd'];
  const contact = [f.email, f.phone ? `${catalogueFor(lang).contact.phone} ${f.phone}` : null]
    .filter(Boolean)
    .join(' · ');
  return [f.name, f.organisation, contact].filter((l): l is string => Boolean(l));
}

function agendaLines(lang: Language, m: MeetingMailView): string[] {
  const timed = m.agenda.every((item) => item.startsAt);
  return m.agenda.map((item, i) => {
    const at = timed && item.startsAt ? `${clockTime(item.startsAt, m.timeZone, lang)} ` : `${i + 1}. `;
    return `${at}${item.title}${item.description ? ` – ${item.description}` : ''}`;
  });
}

export function answerLink(answerUrl: string, answer: (typeof answerChoices)[number]): string {
  return `${answerUrl}?answer=${answer}`;
}

/** The email for one invitee: subject, plain text and HTML with the same content. */
export function renderMeetingMail(input: MeetingMailInput): RenderedMail {
  const { kind, language: lang, meeting: m } = input;
  const w = words[lang];
  const subject = meetingSubject(kind, lang, m);
  const where = meetingWhere(m) ?? w.tbd;
  const when = meetingWhen(lang, m);
  const showAnswers = kind === 'invitation' || kind === 'update' || kind === 'reminder';
  const links = input.answerUrl
    ? answerChoices.map((a) => ({ label: w.answers[a], href: answerLink(input.answerUrl!, a) }))
    : [];
  const name = headerText(input.recipientName);
  const leads: string[] = [w.lead[kind]];
  if (input.delegatedBy) leads.push(w.delegatedBy(headerText(input.delegatedBy)));
  if (input.askAgain && kind === 'update') leads.push(catalogueFor(lang).reconfirm.mailLead);
  const lead = leads.join(' ');

  const text: string[] = [
    `${w.greeting(name)}`,
    '',
    lead,
    '',
    m.title,
    `${w.when}: ${when}`,
    `${w.where}: ${where}`,
  ];
  if (m.facilitatorName) text.push(`${w.facilitator}: ${m.facilitatorName}`);
  if (input.cancelReason && kind === 'cancel') text.push(`${w.reason}: ${input.cancelReason}`);
  if (m.agenda.length && kind !== 'cancel' && kind !== 'withdrawn')
    text.push('', `${w.agenda}:`, ...agendaLines(lang, m));
  if (showAnswers) {
    text.push('');
    if (links.length) {
      text.push(`${w.answer}:`, ...links.map((l) => `  ${l.label}: ${l.href}`), w.answerHint);
    } else text.push(w.laterAnswer);
    text.push('', w.calendar);
  }
  if (m.facilitator?.email && kind !== 'withdrawn')
    text.push('', catalogueFor(lang).contact.replyToFacilitator);
  text.push('', w.closing, ...signatureLines(lang, m));

  const rows = [
    [w.when, escapeHtml(when)],
    [w.where, htmlLines(where).value],
    ...(m.facilitatorName ? [[w.facilitator, escapeHtml(m.facilitatorName)]] : []),
    ...(input.cancelReason && kind === 'cancel' ? [[w.reason, htmlLines(input.cancelReason).value]] : []),
  ];
  const html: string[] = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">',
    `<p>${escapeHtml(w.greeting(name))}</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    `<h1 style="font-size:20px">${escapeHtml(m.title)}</h1>`,
    '<table role="presentation" cellpadding="4">',
    ...rows.map(([k, v]) => `<tr><th align="left" valign="top">${escapeHtml(k!)}</th><td>${v}</td></tr>`),
    '</table>',
  ];
  if (m.agenda.length && kind !== 'cancel' && kind !== 'withdrawn') {
    // with times the clock is the marker; without, the points are numbered
    const timed = m.agenda.every((item) => item.startsAt);
    const list = timed ? 'ul' : 'ol';
    html.push(
      `<h2 style="font-size:17px">${escapeHtml(w.agenda)}</h2><${list}${timed ? ' style="list-style:none;padding-left:0"' : ''}>`,
    );
    for (const item of m.agenda) {
      const at = timed && item.startsAt ? `${escapeHtml(clockTime(item.startsAt, m.timeZone, lang))} ` : '';
      const more = item.description ? `<br><span>${htmlLines(item.description).value}</span>` : '';
      html.push(`<li>${at}<strong>${escapeHtml(item.title)}</strong>${more}</li>`);
    }
    html.push(`</${list}>`);
  }
  if (showAnswers) {
    if (links.length) {
      html.push(`<h2 style="font-size:17px">${escapeHtml(w.answer)}</h2><p>`);
      for (const l of links)
        html.push(
          `<a href="${escapeHtml(l.href)}" style="display:inline-block;margin:0 8px 8px 0;padding:10px 16px;background:#004b87;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(l.label)}</a>`,
        );
      html.push(`</p><p>${escapeHtml(w.answerHint)}</p>`);
    } else html.push(`<p>${escapeHtml(w.laterAnswer)}</p>`);
    html.push(`<p>${escapeHtml(w.calendar)}</p>`);
  }
  if (m.facilitator?.email && kind !== 'withdrawn')
    html.push(`<p>${escapeHtml(catalogueFor(lang).contact.replyToFacilitator)}</p>`);
  html.push(`<p>${[w.closing, ...signatureLines(lang, m)].map(escapeHtml).join('<br>')}</p></body></html>`);
  return { subject, text: text.join('\n'), html: html.join('\n') };
}
