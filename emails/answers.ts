import type { MeetingFacts as FullMeetingFacts } from '../server/answers/meeting-reads.ts';
import type { OutgoingMail } from '../server/mail/outbox.ts';
import { meetingTime } from '../server/text/dates.ts';
import { escapeHtml } from '../server/text/html.ts';

/** What the answering side writes to invitees: short Danish notices, plain text and HTML alike. */

export type MeetingFacts = Pick<
  FullMeetingFacts,
  'id' | 'title' | 'startsAt' | 'endsAt' | 'timeZone' | 'venueName' | 'venueAddress'
>;

export interface Recipient {
  name: string;
  email: string;
}

/** Header values never carry line breaks (no header injection through names or titles). */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t\v\f\u2028\u2029]+/g, ' ').trim();
}

function place(meeting: MeetingFacts): string {
  return [meeting.venueName, meeting.venueAddress].filter(Boolean).join(', ') || 'Sted følger';
}

/** Paragraphs become text lines and <p> elements; every paragraph is escaped for HTML. */
function notice(
  kind: string,
  to: Recipient,
  meeting: MeetingFacts,
  subject: string,
  paragraphs: string[],
  invitationId: number | null,
  links: readonly (readonly [label: string, url: string])[] = [],
): OutgoingMail {
  const facts = [
    `Møde: ${meeting.title}`,
    `Tid: ${meetingTime(meeting.startsAt, meeting.endsAt, meeting.timeZone, 'da')}`,
    `Sted: ${place(meeting)}`,
  ];
  const greeting = `Kære ${to.name}`;
  const closing = 'Venlig hilsen\nSamråd';
  const linkLines = links.map(([label, url]) => `${label}: ${url}`);
  const text = [
    greeting,
    ...paragraphs,
    ...(links.length ? [linkLines.join('\n')] : []),
    facts.join('\n'),
    closing,
  ].join('\n\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(links.length
      ? [
          `<p>${links.map(([label, url]) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`).join(' · ')}</p>`,
        ]
      : []),
    `<ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`,
    '<p>Venlig hilsen<br>Samråd</p>',
  ].join('\n');
  return {
    kind,
    to: { address: to.email, name: oneLine(to.name) },
    subject: oneLine(subject),
    text,
    html: `<!doctype html><html lang="da"><body>${html}</body></html>`,
    meetingId: meeting.id,
    invitationId,
  };
}

export function waitlistedMail(to: Recipient, meeting: MeetingFacts, position: number, invitationId: number) {
  return notice(
    'waitlist',
    to,
    meeting,
    `På venteliste: ${meeting.title}`,
    [
      'Tak for din tilmelding. Mødet er fuldt booket, så du er sat på ventelisten.',
      `Du er nummer ${position} på ventelisten. Vi skriver til dig, så snart der bliver en plads.`,
    ],
    invitationId,
  );
}

export function promotedMail(to: Recipient, meeting: MeetingFacts, invitationId: number) {
  return notice(
    'waitlist-promoted',
    to,
    meeting,
    `Du har fået en plads: ${meeting.title}`,
    [
      'Der er blevet en plads ledig, og du er rykket op fra ventelisten. Du er nu tilmeldt mødet.',
      'Kan du alligevel ikke deltage, så meld afbud via svarlinket i invitationen.',
    ],
    invitationId,
  );
}

export function organisationChaserMail(
  to: Recipient,
  organisationName: string,
  meeting: MeetingFacts,
): OutgoingMail {
  return notice(
    'organisation-chaser',
    to,
    meeting,
    `Påmindelse: ${meeting.title}`,
    [
      `Ingen fra ${organisationName} har endnu meldt sig til ${meeting.title}.`,
      `Som fast kontaktperson for ${organisationName} beder vi dig sørge for, at jeres organisation er repræsenteret – både på ledelses- og praksisniveau. De inviterede kan svare via linket i deres invitation.`,
    ],
    null,
  );
}
